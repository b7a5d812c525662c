package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The bodies {@link Faults} serve: changed, cut-off and hostile CSDL, changed CSN, and the HTML login page. */
final class FaultPayloads {

    static final String CHANGED_COLUMN = "SYNC_TEST_COL";

    /**
     * Shaped like the SAP IdP page an OAuth token gets, with status 200, from UI endpoints ("Catalog
     * business-enrichment metadata is not extracted" in https://github.com/datahub-project/datahub,
     * {@code metadata-ingestion/docs/sources/sap-datasphere/sap-datasphere_post.md}); the text is the message the
     * {@code datasphere} CLI warns on (npm package {@code @sap/cli-core}, {@code commands/handler/fetch/utils.js}).
     */
    static final byte[] LOGIN_PAGE = ("""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Log On</title></head>
            <body class="sapUiBody">
            <form id="logOnForm" method="post" action="/saml2/idp/sso">
            <h1>SAP Datasphere</h1>
            <p>Please contact your system administrator and ensure you have an active account on this system.</p>
            <input type="email" name="j_username" placeholder="Email or User Name">
            <input type="password" name="j_password" placeholder="Password">
            <button type="submit" id="logOnFormSubmit">Log On</button>
            </form>
            </body>
            </html>
            """).getBytes(StandardCharsets.UTF_8);

    private static final Pattern SCHEMA = Pattern.compile("<Schema Namespace=\"([^\"]+)\"");
    private static final Pattern ENTITY_TYPE = Pattern.compile("<EntityType Name=\"([^\"]+)\"");
    private static final Pattern LABEL = Pattern.compile("<Annotation Term=\"Common\\.Label\" String=\"[^\"]*\"/>");

    private FaultPayloads() {
    }

    static String reason(int status) {
        return switch (status) {
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error " + status;
        };
    }

    /**
     * Appends {@value #CHANGED_COLUMN} to the entity type, labelled in an external Annotations block as tenant
     * documents label their columns (see {@link CsdlWriter}).
     */
    static String changedCsdl(String csdl, int revision) {
        Matcher schema = SCHEMA.matcher(csdl);
        Matcher type = ENTITY_TYPE.matcher(csdl);
        int typeEnd = csdl.indexOf("</EntityType>");
        int schemaEnd = csdl.lastIndexOf("</Schema>");
        if (!schema.find() || !type.find() || typeEnd < 0 || schemaEnd < typeEnd) {
            return csdl;
        }
        String property = "  <Property Name=\"" + CHANGED_COLUMN + "\" Type=\"Edm.String\" MaxLength=\"20\"/>\n      ";
        String annotations = "<Annotations Target=\"" + schema.group(1) + "." + type.group(1) + "/" + CHANGED_COLUMN
                + "\">\n        <Annotation Term=\"Common.Label\" String=\"" + label(revision)
                + "\"/>\n      </Annotations>\n    ";
        return csdl.substring(0, typeEnd) + property + csdl.substring(typeEnd, schemaEnd) + annotations
                + csdl.substring(schemaEnd);
    }

    /** Adds the same column to the object's CSN elements. */
    static String changedCsn(String csn, String name, int revision) {
        try {
            JsonNode root = HttpIo.JSON.readTree(csn);
            JsonNode definitions = root.path("definitions");
            JsonNode definition = definitions.has(name) ? definitions.get(name) : definitions.elements().next();
            ObjectNode column = ((ObjectNode) definition.get("elements")).putObject(CHANGED_COLUMN);
            column.put("type", "cds.String").put("length", 20).put("@EndUserText.label", label(revision));
            return CsnWriter.toJson(root);
        } catch (IOException e) {
            throw new UncheckedIOException("stored CSN of " + name + " is not JSON", e);
        }
    }

    static String corrupt(String csdl, Faults.DocumentFault fault) {
        return switch (fault) {
            case MALFORMED -> truncated(csdl);
            case XXE_FILE -> withDoctype(csdl, "<!DOCTYPE edmx:Edmx [\n  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>",
                    "&xxe;");
            case BILLION_LAUGHS -> withDoctype(csdl, billionLaughs(), "&lol9;");
            case EXTERNAL_DTD -> withDoctype(csdl, "<!DOCTYPE edmx:Edmx SYSTEM \"http://127.0.0.1:1/evil.dtd\">", null);
        };
    }

    /** Cut inside the first Property tag, so a parser fails however lenient it is about the rest. */
    private static String truncated(String csdl) {
        int property = csdl.indexOf("<Property ");
        return csdl.substring(0, property < 0 ? csdl.length() / 2 : property + 12);
    }

    /**
     * Inserts the DOCTYPE after the XML declaration and, when {@code entity} is given, puts it in the first
     * Common.Label. The label uses the element form {@code <String>...</String>} of a constant expression (OData
     * CSDL XML, https://docs.oasis-open.org/odata/odata-csdl-xml/v4.01/odata-csdl-xml-v4.01.html): XML forbids external
     * entity references inside attribute values, so only the element form reaches a parser's entity resolver.
     */
    private static String withDoctype(String csdl, String doctype, String entity) {
        int declarationEnd = csdl.startsWith("<?xml") ? csdl.indexOf("?>") + 2 : 0;
        String body = csdl.substring(declarationEnd);
        if (entity != null) {
            Matcher label = LABEL.matcher(body);
            String replacement = "<Annotation Term=\"Common.Label\"><String>" + entity + "</String></Annotation>";
            body = label.find() ? body.substring(0, label.start()) + replacement + body.substring(label.end())
                    : body.replace("</EntityType>", "</EntityType>\n      <Annotations Target=\"Hostile\">"
                            + replacement + "</Annotations>");
        }
        return csdl.substring(0, declarationEnd) + "\n" + doctype + body;
    }

    private static String billionLaughs() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE edmx:Edmx [\n  <!ENTITY lol \"lol\">\n");
        for (int level = 1; level <= 9; level++) {
            String previous = level == 1 ? "&lol;" : "&lol" + (level - 1) + ";";
            doctype.append("  <!ENTITY lol").append(level).append(" \"").append(previous.repeat(10)).append("\">\n");
        }
        return doctype.append("]>").toString();
    }

    private static String label(int revision) {
        return revision == 1 ? "Sync test column" : "Sync test column (change " + revision + ")";
    }
}
