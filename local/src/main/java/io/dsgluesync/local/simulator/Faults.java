package io.dsgluesync.local.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The fault plan of one running {@link DatasphereSimulator}: what goes wrong, switchable at any time from any thread
 * (each knob takes effect from the next request). Every setter returns this plan for chaining; {@link #clear()}
 * switches everything off. What the faults did is counted in {@link SimulatorStats}.
 */
public final class Faults {

    /** Hostile {@code $metadata} documents an XML parser must refuse to expand or fetch. */
    public enum Hostile {
        /** A DOCTYPE declaring {@code <!ENTITY xxe SYSTEM "file:///etc/passwd">}, used in a Common.Label String. */
        XXE_FILE,
        /** Nested internal entities that expand to about 10^9 copies of "lol" (billion laughs). */
        BILLION_LAUGHS,
        /** {@code <!DOCTYPE edmx:Edmx SYSTEM "http://127.0.0.1:1/evil.dtd">}: an external DTD to fetch. */
        EXTERNAL_DTD
    }

    /** What happens to one asset's {@code $metadata}. */
    enum DocumentFault { MALFORMED, XXE_FILE, BILLION_LAUGHS, EXTERNAL_DTD }

    private final Runnable tokenExpirer;
    private final Consumer<Boolean> clientRevoker;
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean htmlLoginPage;
    private volatile boolean bareArraySpaces;
    private double errorRate;
    private Random errorRandom = new Random(0);
    private int failNextCount;
    private int failNextStatus;
    private final Map<String, Integer> failingSpaces = new ConcurrentHashMap<>();
    private final Map<String, DocumentFault> documentFaults = new ConcurrentHashMap<>();
    private final Map<String, Integer> failingDocuments = new ConcurrentHashMap<>();
    private final Map<String, String> foreignHosts = new ConcurrentHashMap<>();
    private final Map<String, Integer> metadataRevisions = new ConcurrentHashMap<>();
    private final java.util.Set<String> removedAssets = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> removedSpaces = ConcurrentHashMap.newKeySet();

    Faults(Runnable tokenExpirer, Consumer<Boolean> clientRevoker) {
        this.tokenExpirer = Objects.requireNonNull(tokenExpirer);
        this.clientRevoker = Objects.requireNonNull(clientRevoker);
    }

    /** Delay added before every catalog, consumption and design-time (CSN) response; zero switches it off. */
    public Faults latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + delay);
        }
        latency = delay;
        return this;
    }

    /**
     * That fraction (0..1) of authenticated catalog, consumption and CSN requests answers 503. The draws come from
     * {@code new Random(seed)}, so the same seed and request order give the same failures; 0 switches it off.
     */
    public synchronized Faults serverErrorRate(double rate, long seed) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("error rate must be within 0..1: " + rate);
        }
        errorRate = rate;
        errorRandom = new Random(seed);
        return this;
    }

    /** The next {@code count} authenticated requests answer {@code status}; a 429 carries {@code Retry-After: 1}. */
    public synchronized Faults failNext(int count, int status) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        failNextCount = count;
        failNextStatus = errorStatus(status);
        return this;
    }

    /** Listing the space's assets (catalog and design-time lists) answers {@code status} until cleared. */
    public Faults failSpaceListing(String space, int status) {
        failingSpaces.put(Objects.requireNonNull(space, "space"), errorStatus(status));
        return this;
    }

    public Faults clearSpaceListing(String space) {
        failingSpaces.remove(space);
        return this;
    }

    /** Every token issued so far stops working at once (401); tokens issued afterwards work. */
    public Faults expireAllTokens() {
        tokenExpirer.run();
        return this;
    }

    /**
     * The OAuth client's secret is rotated in the tenant: the token endpoint refuses the client (401
     * {@code invalid_client}) and every token issued so far stops working; {@code false} accepts it again. Not
     * undone by {@link #clear()}.
     */
    public Faults revokeClient(boolean revoked) {
        clientRevoker.accept(revoked);
        return this;
    }

    /** The asset's {@code $metadata} (both flavours) is cut off mid-document: not well-formed XML. */
    public Faults malformedMetadata(String space, String asset) {
        documentFaults.put(key(space, asset), DocumentFault.MALFORMED);
        return this;
    }

    /**
     * The asset's {@code $metadata} (both flavours) and its CSN answer {@code status} until cleared, e.g. 403 as a
     * tenant answers a technical user that may list the space but not read this object.
     */
    public Faults failMetadata(String space, String asset, int status) {
        failingDocuments.put(key(space, asset), errorStatus(status));
        return this;
    }

    /** The asset's {@code $metadata} (both flavours) becomes the given hostile document. */
    public Faults hostileMetadata(String space, String asset, Hostile kind) {
        documentFaults.put(key(space, asset), DocumentFault.valueOf(kind.name()));
        return this;
    }

    /** The asset's catalog record points its metadata and data URLs at another origin, e.g. {@code http://127.0.0.2:9}. */
    public Faults foreignMetadataHost(String space, String asset, String foreignBaseUrl) {
        String base = Objects.requireNonNull(foreignBaseUrl, "foreignBaseUrl");
        foreignHosts.put(key(space, asset), base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        return this;
    }

    /**
     * Authenticated catalog requests answer 200 with an HTML login page, as UI endpoints answer an OAuth token
     * (https://github.com/datahub-project/datahub,
     * {@code metadata-ingestion/docs/sources/sap-datasphere/sap-datasphere_post.md}) and some REST paths did on a real
     * tenant (https://github.com/MarioDeFelipe/sap-datasphere-mcp, {@code REMAINING_ISSUES_FOR_CLAUDE.md}).
     */
    public Faults htmlLoginPage(boolean on) {
        htmlLoginPage = on;
        return this;
    }

    /**
     * {@code /catalog/spaces} answers a bare JSON array instead of the OData envelope, as DataHub saw on a live tenant
     * (https://github.com/datahub-project/datahub,
     * {@code metadata-ingestion/src/datahub/ingestion/source/sap_datasphere/client.py}).
     */
    public Faults bareArraySpaces(boolean on) {
        bareArraySpaces = on;
        return this;
    }

    /**
     * The asset's model changes: its CSDL and CSN gain a column {@code SYNC_TEST_COL} (Edm.String, MaxLength 20,
     * labelled), so the ETag changes. Each further call changes the label again, and with it the ETag.
     */
    public Faults metadataChanged(String space, String asset) {
        metadataRevisions.merge(key(space, asset), 1, Integer::sum);
        return this;
    }

    /**
     * The asset is deleted from the tenant: no longer listed (catalog and design-time lists), its {@code $metadata}
     * and CSN answer 404.
     */
    public Faults removeAsset(String space, String asset) {
        removedAssets.add(key(space, asset));
        return this;
    }

    /** The space is deleted from the tenant: no longer listed, and nothing in it either. */
    public Faults removeSpace(String space) {
        removedSpaces.add(Objects.requireNonNull(space, "space"));
        return this;
    }

    /** Brings back every removed asset and space. */
    public Faults restoreRemoved() {
        removedAssets.clear();
        removedSpaces.clear();
        return this;
    }

    boolean spaceRemoved(String space) {
        return removedSpaces.contains(space);
    }

    boolean removed(String space, String asset) {
        return removedSpaces.contains(space) || removedAssets.contains(key(space, asset));
    }

    /** Switches every fault off. Tokens expired by {@link #expireAllTokens()} stay expired. */
    public Faults clear() {
        latency = Duration.ZERO;
        htmlLoginPage = false;
        bareArraySpaces = false;
        synchronized (this) {
            errorRate = 0;
            failNextCount = 0;
        }
        failingSpaces.clear();
        documentFaults.clear();
        failingDocuments.clear();
        foreignHosts.clear();
        metadataRevisions.clear();
        removedAssets.clear();
        removedSpaces.clear();
        return this;
    }

    Duration latency() {
        return latency;
    }

    boolean servesHtmlLoginPage() {
        return htmlLoginPage;
    }

    boolean servesBareArraySpaces() {
        return bareArraySpaces;
    }

    /** The status to inject into this authenticated request, or 0; {@code errorRateApplies} for API paths. */
    synchronized int injectedStatus(boolean errorRateApplies) {
        if (failNextCount > 0) {
            failNextCount--;
            return failNextStatus;
        }
        if (errorRateApplies && errorRate > 0 && errorRandom.nextDouble() < errorRate) {
            return 503;
        }
        return 0;
    }

    /** The status listing this space answers, or null. */
    Integer spaceListingStatus(String space) {
        return failingSpaces.get(space);
    }

    /** The origin to use in this asset's catalog URLs instead of the simulator's, or null. */
    String foreignBase(String space, String asset) {
        return foreignHosts.get(key(space, asset));
    }

    /** The status this asset's {@code $metadata} or CSN answers, or null. */
    Integer documentStatus(String space, String asset) {
        return failingDocuments.get(key(space, asset));
    }

    boolean corruptsMetadata(String space, String asset) {
        return documentFaults.containsKey(key(space, asset));
    }

    /** The {@code $metadata} document to serve: the asset's own, changed and/or corrupted as planned. */
    String metadata(String space, String asset, String csdl) {
        String key = key(space, asset);
        Integer revision = metadataRevisions.get(key);
        String document = revision == null ? csdl : FaultPayloads.changedCsdl(csdl, revision);
        DocumentFault fault = documentFaults.get(key);
        return fault == null ? document : FaultPayloads.corrupt(document, fault);
    }

    /** The CSN to serve: with the {@link #metadataChanged} column when planned. */
    String csn(String space, String name, String csn) {
        Integer revision = metadataRevisions.get(key(space, name));
        return revision == null ? csn : FaultPayloads.changedCsn(csn, name, revision);
    }

    private static int errorStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an injected status must be 4xx or 5xx: " + status);
        }
        return status;
    }

    private static String key(String space, String asset) {
        return Objects.requireNonNull(space, "space") + '\n' + Objects.requireNonNull(asset, "asset");
    }
}
