package io.dsgluesync.datasphere;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Where the sync may talk to: the tenant over HTTPS (plain HTTP only to the local simulator), and nowhere else. */
class DatasphereSettingsTest {
    private static final String TENANT = "https://mytenant.eu10.hcs.cloud.sap";
    private static final String TOKEN = "https://mytenant.authentication.eu10.hana.ondemand.com/oauth/token";

    @Test
    void anHttpsTenantIsAccepted() {
        assertDoesNotThrow(() -> settings(TENANT, TOKEN));
    }

    @Test
    void plainHttpToANonLoopbackAddressIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings("http://192.0.2.10", TOKEN));

        assertTrue(e.getMessage().startsWith("DATASPHERE_URL must use https"), e.getMessage());
    }

    @Test
    void plainHttpToANonLoopbackTokenEndpointIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(TENANT, "http://192.0.2.10/oauth/token"));

        assertTrue(e.getMessage().startsWith("DATASPHERE_TOKEN_URL must use https"), e.getMessage());
    }

    @Test
    void plainHttpToTheLoopbackSimulatorIsAccepted() {
        assertDoesNotThrow(() -> settings("http://localhost:8089", "http://localhost:8089/oauth/token"));
        assertDoesNotThrow(() -> settings("http://127.0.0.1:8089", "http://127.0.0.1:8089/oauth/token"));
        assertDoesNotThrow(() -> settings("http://[::1]:8089", "http://[::1]:8089/oauth/token"));
    }

    @Test
    void otherSchemesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> settings("ftp://mytenant.eu10.hcs.cloud.sap", TOKEN));
    }

    @Test
    void aRelativeUrlIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings("/api/v1/dwc", TOKEN));

        assertTrue(e.getMessage().contains("absolute URL"), e.getMessage());
    }

    @Test
    void metadataOnTheTenantsHostIsTheTenantsOrigin() {
        DatasphereSettings settings = settings(TENANT, TOKEN);

        assertTrue(settings.isTenantOrigin(URI.create(
                TENANT + "/api/v1/datasphere/consumption/relational/SAP_CONTENT/SAP_SC_SALES_V_SalesOrders/$metadata")));
        assertTrue(settings.isTenantOrigin(URI.create("HTTPS://MyTenant.EU10.hcs.cloud.sap/x")));
    }

    @Test
    void theDefaultPortIsTheSameOriginWrittenOrNot() {
        assertTrue(settings(TENANT, TOKEN).isTenantOrigin(URI.create("https://mytenant.eu10.hcs.cloud.sap:443/x")));
        assertTrue(settings(TENANT + ":443", TOKEN).isTenantOrigin(URI.create(TENANT + "/x")));
        assertTrue(settings("http://localhost", TOKEN).isTenantOrigin(URI.create("http://localhost:80/x")));
    }

    @Test
    void anotherPortIsAnotherOrigin() {
        assertFalse(settings(TENANT, TOKEN).isTenantOrigin(URI.create("https://mytenant.eu10.hcs.cloud.sap:8443/x")));
        assertFalse(settings("http://localhost:8089", TOKEN).isTenantOrigin(URI.create("http://localhost/x")));
    }

    @Test
    void anotherSchemeIsAnotherOrigin() {
        assertFalse(settings(TENANT, TOKEN).isTenantOrigin(URI.create("http://mytenant.eu10.hcs.cloud.sap/x")));
    }

    @Test
    void anotherHostIsAnotherOrigin() {
        DatasphereSettings settings = settings(TENANT, TOKEN);

        assertFalse(settings.isTenantOrigin(URI.create("https://othertenant.eu10.hcs.cloud.sap/x")));
        assertFalse(settings.isTenantOrigin(URI.create("https://mytenant.eu10.hcs.cloud.sap.attacker.example/x")));
        assertFalse(settings.isTenantOrigin(URI.create("https://169.254.169.254/latest/meta-data/")));
        assertFalse(settings.isTenantOrigin(URI.create("/relative/$metadata")));
    }

    private static DatasphereSettings settings(String tenant, String token) {
        return new DatasphereSettings(URI.create(tenant), URI.create(token), 500, 4, Duration.ofSeconds(30),
                20 * 1024 * 1024);
    }
}
