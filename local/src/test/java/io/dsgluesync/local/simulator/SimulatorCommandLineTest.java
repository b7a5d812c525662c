package io.dsgluesync.local.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void faultFlagsBecomeTheInitialFaultPlan() throws Exception {
        SimulatorCommandLine.Parsed parsed = SimulatorCommandLine.parseAll(new String[] {"--port", "0",
            "--latency-ms", "25", "--error-rate", "1", "--seed", "9", "--bare-array-spaces", "true"});
        assertEquals(new SimulatorCommandLine.FaultFlags(25, 1.0, 9, false, true), parsed.faults());
        assertEquals(0, parsed.options().port());
        assertEquals(new SimulatorCommandLine.FaultFlags(0, 0, 42, false, false),
                SimulatorCommandLine.parseAll(new String[0]).faults());

        try (DatasphereSimulator simulator = DatasphereSimulator.start(parsed.options())) {
            parsed.faults().applyTo(simulator.faults());
            assertEquals(Duration.ofMillis(25), simulator.faults().latency());
            SimClient client = new SimClient(simulator);
            String token = client.token();
            assertEquals(503, client.get("/api/v1/dwc/catalog/spaces", token).statusCode());
            simulator.faults().serverErrorRate(0, 0);
            assertTrue(client.getJson("/api/v1/dwc/catalog/spaces", token).isArray());
        }
    }

    @Test
    void rejectsBadFaultFlags() {
        assertThrows(IllegalArgumentException.class, () -> SimulatorCommandLine.parse(new String[] {"--error-rate", "2"}));
        assertThrows(IllegalArgumentException.class, () -> SimulatorCommandLine.parse(new String[] {"--latency-ms", "-1"}));
        assertThrows(IllegalArgumentException.class,
                () -> SimulatorCommandLine.parse(new String[] {"--html-login-page", "yes"}));
    }

    @Test
    void rejectsUnknownOptions() {
        assertThrows(IllegalArgumentException.class, () -> SimulatorCommandLine.parse(new String[] {"--nope", "1"}));
        assertThrows(IllegalArgumentException.class, () -> SimulatorCommandLine.parse(new String[] {"--tenant", "x"}));
        assertThrows(IllegalArgumentException.class, () -> SimulatorCommandLine.parse(new String[] {"--port"}));
    }
}
