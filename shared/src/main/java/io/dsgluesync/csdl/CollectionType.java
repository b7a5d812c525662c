package io.dsgluesync.csdl;

/**
 * A property's {@code Type} read as its item type and the {@code Collection(...)} wrappers around it, unwrapped
 * without recursion so that no document can exhaust the stack. OData allows one wrapper around a single type
 * (attribute {@code Type} in https://docs.oasis-open.org/odata/odata-csdl-xml/v4.01/odata-csdl-xml-v4.01.html);
 * nested ones are read as written and bounded by {@link Columns}.
 *
 * @param levels how many {@code Collection(...)} wrap {@code itemType}; 0 for a single-valued property
 */
record CollectionType(String itemType, int levels) {
    private static final String OPEN = "Collection(";

    static CollectionType of(String type) {
        int start = 0;
        int end = type.length();
        int levels = 0;
        while (end - start > OPEN.length() && type.startsWith(OPEN, start) && type.charAt(end - 1) == ')') {
            start += OPEN.length();
            end--;
            levels++;
        }
        return new CollectionType(type.substring(start, end), levels);
    }

    CollectionType withItemType(String type) {
        return new CollectionType(type, levels);
    }

    /** The type as written in CSDL, e.g. {@code Collection(Edm.String)}. */
    String text() {
        return OPEN.repeat(levels) + itemType + ")".repeat(levels);
    }
}
