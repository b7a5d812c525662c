package io.dsgluesync.local.simulator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimulatorCommandLineTest {

    @Test
    void defaultsToPort7070AndTheSampleTenant() {
        SimulatorOptions options = SimulatorCommandLine.parse(new String[0]);
        assertEquals(7070, options.port());
        assertEquals(7, options.tenant().allAssets().size());
        assertEquals(SimulatorOptions.DEFAULT_CLIENT_ID, options.clientId());
        assertEquals(500, options.maxPageSize());
        assertEquals(86399, options.tokenLifetimeSeconds());
        assertEquals(0, options.requestsPerMinute());
    }

    @Test
    void buildsAGeneratedTenantAndLimits() {
        SimulatorOptions options = SimulatorCommandLine.parse(new String[] {"--port", "0", "--tenant", "generated",
            "--spaces", "3", "--assets", "30", "--seed", "5", "--max-page-size", "10", "--requests-per-minute", "300"});
        assertEquals(0, options.port());
        assertEquals(3, options.tenant().spaces().size());
        assertEquals(30, options.tenant().allAssets().size());
        assertEquals(10, options.maxPageSize());
        assertEquals(300, options.requestsPerMinute());
    }

    @Test
    void rejectsUnknownOptions() {
        assertThrows(IllegalArgumentException.class, () -> SimulatorCommandLine.parse(new String[] {"--nope", "1"}));
        assertThrows(IllegalArgumentException.class, () -> SimulatorCommandLine.parse(new String[] {"--tenant", "x"}));
        assertThrows(IllegalArgumentException.class, () -> SimulatorCommandLine.parse(new String[] {"--port"}));
    }
}
