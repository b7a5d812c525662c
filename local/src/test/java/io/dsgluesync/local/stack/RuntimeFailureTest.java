package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.JsonCodec;
import org.junit.jupiter.api.Test;

/** A runtime that exits mid-invocation is a function error, never an empty success. */
class RuntimeFailureTest {

    @Test
    void anEmptyEmulatorAnswerBecomesARuntimeExitError() throws Exception {
        JsonNode payload = JsonCodec.mapper().readTree(LambdaEmulator.runtimeFailure(""));

        assertEquals("Runtime.ExitError", payload.get("errorType").asText());
    }

    @Test
    void aTextAnswerIsKeptAsTheErrorMessage() throws Exception {
        JsonNode payload = JsonCodec.mapper().readTree(LambdaEmulator.runtimeFailure("exit status 255"));

        assertEquals("Runtime.ExitError", payload.get("errorType").asText());
        assertEquals("exit status 255", payload.get("errorMessage").asText());
    }

    @Test
    void anErrorTheEmulatorAlreadyShapedIsPassedOn() {
        String shaped = "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: x Error: exit status 1\"}";

        assertEquals(shaped, LambdaEmulator.runtimeFailure(shaped));
    }
}
