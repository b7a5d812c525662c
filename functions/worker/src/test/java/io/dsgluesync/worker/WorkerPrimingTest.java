package io.dsgluesync.worker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dsgluesync.mapping.MappingSettings;
import io.dsgluesync.mapping.TableLocation;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.TableInput;

class WorkerPrimingTest {
    private static final MappingSettings MAPPING = new MappingSettings("datasphere_",
            TableLocation.defaultTemplate("data-bucket"), "mytenant.eu10.hcs.cloud.sap");

    @Test
    void primingMapsTheBundledSampleWithTheFunctionsSettingsAndSendsNothing() {
        // No client exists here: a priming that tried to reach AWS or Datasphere could not succeed.
        TableInput input = new WorkerPriming(MAPPING).run();
        assertEquals("sap_sc_sales_v_salesorders", input.name());
        assertFalse(input.storageDescriptor().columns().isEmpty());
        assertEquals("s3://data-bucket/datasphere/datasphere_priming/sap_sc_sales_v_salesorders/",
                input.storageDescriptor().location());
    }

    @Test
    void registeringAndPrimingOnAJvmWithoutCracIsHarmless() {
        WorkerPriming priming = new WorkerPriming(MAPPING);
        assertDoesNotThrow(() -> priming.register().prime());
    }
}
