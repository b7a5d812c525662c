package io.dsgluesync.bench;

/**
 * One measured figure next to its target, as a row of a section's table.
 *
 * @param name   what was measured, e.g. "(a) first sync: Glue calls / floor"
 * @param value  the figure as printed, e.g. "1.02" or "412 ms"
 * @param target the target as printed, e.g. "<= 1.05", or "" when the figure is context (a floor, a reference)
 * @param met    true or false against the target; null when there is no target
 * @param note   when the target is missed: why, and what would fix it; otherwise anything the reader needs
 */
public record Figure(String name, String value, String target, Boolean met, String note) {

    /** A figure with no target: a floor, a reference measurement, a count. */
    public static Figure context(String name, String value, String note) {
        return new Figure(name, value, "", null, note);
    }

    /** A figure checked against its target. */
    public static Figure checked(String name, String value, String target, boolean met, String note) {
        return new Figure(name, value, target, met, note);
    }

    public String verdict() {
        return met == null ? "" : met ? "met" : "MISSED";
    }
}
