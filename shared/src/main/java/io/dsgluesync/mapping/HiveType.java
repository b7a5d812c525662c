package io.dsgluesync.mapping;

/** A Glue/Hive column type string and, when the mapping is not exact, a note saying why. */
public record HiveType(String type, String note) {
    static HiveType exact(String type) {
        return new HiveType(type, null);
    }

    static HiveType approximate(String type, String note) {
        return new HiveType(type, note);
    }
}
