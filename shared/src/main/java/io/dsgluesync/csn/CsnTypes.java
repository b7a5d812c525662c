package io.dsgluesync.csn;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CDS types of a CSN element → the Edm type and facets the consumption service would publish for them, so that
 * {@code EdmTypes} maps both sources alike. That the spatial types are published as {@code Edm.String} is in SAP's
 * "OData API Reference" (https://help.sap.com/docs/SAP_DATASPHERE/43509d67b8b84e66a30851e832f66911/b9098c3a706640189bc1d4eb7d5d5c52.html);
 * the others take the Edm type of the same value range, as SAP's column types describe them
 * (https://github.com/SAP-docs/sap-datasphere/blob/main/docs/Acquiring-Preparing-Modeling-Data/Acquiring-and-Preparing-Data-in-the-Data-Builder/column-data-types-7b1dc6e.md).
 */
final class CsnTypes {
    private CsnTypes() {
    }

    record EdmFacets(String type, Integer maxLength, Integer precision, String scale) {
    }

    static EdmFacets toEdm(JsonNode element) {
        String type = element.path("type").asText("cds.String");
        Integer length = element.has("length") ? element.get("length").asInt() : null;
        Integer precision = element.has("precision") ? element.get("precision").asInt() : null;
        String scale = element.has("scale") ? element.get("scale").asText() : null;
        return switch (type) {
            case "cds.String" -> new EdmFacets("Edm.String", length, null, null);
            case "cds.LargeString", "cds.hana.CLOB", "cds.hana.NCLOB" -> new EdmFacets("Edm.String", null, null, null);
            case "cds.hana.NCHAR", "cds.hana.CHAR", "cds.hana.VARCHAR" -> new EdmFacets("Edm.String", length, null, null);
            case "cds.Boolean" -> new EdmFacets("Edm.Boolean", null, null, null);
            case "cds.hana.TINYINT", "cds.UInt8" -> new EdmFacets("Edm.Byte", null, null, null);
            case "cds.hana.SMALLINT", "cds.Int16" -> new EdmFacets("Edm.Int16", null, null, null);
            case "cds.Integer", "cds.Int32" -> new EdmFacets("Edm.Int32", null, null, null);
            case "cds.Integer64", "cds.Int64" -> new EdmFacets("Edm.Int64", null, null, null);
            case "cds.hana.REAL" -> new EdmFacets("Edm.Single", null, null, null);
            case "cds.Double" -> new EdmFacets("Edm.Double", null, null, null);
            case "cds.Decimal" -> precision == null ? new EdmFacets("Edm.Decimal", null, null, "variable")
                    : new EdmFacets("Edm.Decimal", null, precision, scale == null ? "0" : scale);
            case "cds.DecimalFloat", "cds.hana.SMALLDECIMAL" -> new EdmFacets("Edm.Decimal", null, 34, "variable");
            case "cds.Date" -> new EdmFacets("Edm.Date", null, null, null);
            case "cds.Time" -> new EdmFacets("Edm.TimeOfDay", null, null, null);
            case "cds.DateTime", "cds.Timestamp" -> new EdmFacets("Edm.DateTimeOffset", null, null, null);
            case "cds.UUID" -> new EdmFacets("Edm.Guid", null, null, null);
            case "cds.Binary", "cds.LargeBinary", "cds.hana.BINARY" -> new EdmFacets("Edm.Binary", length, null, null);
            case "cds.hana.ST_POINT", "cds.hana.ST_GEOMETRY" -> new EdmFacets("Edm.String", null, null, null);
            default -> new EdmFacets(type, length, precision, scale);
        };
    }
}
