package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.JsonCodec;
import org.junit.jupiter.api.Test;

/** A runtime that crashed fails its whole batch, whatever the emulator's 502 carried. */
class RuntimeFailureTest {

    @Test
    void anEmptyAnswerOfACrashedRuntimeBecomesARuntimeExitError() throws Exception {
        for (String body : new String[] {"", "  ", null, "signal: aborted"}) {
            JsonNode answer = JsonCodec.mapper().readTree(LambdaEmulator.runtimeFailure(body));
            assertEquals("Runtime.ExitError", answer.path("errorType").asText(), String.valueOf(body));
        }
    }

    @Test
    void theEmulatorsOwnErrorIsKept() {
        String body = "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: 1 Error: exited\"}";
        assertEquals(body, LambdaEmulator.runtimeFailure(body));
    }
}
