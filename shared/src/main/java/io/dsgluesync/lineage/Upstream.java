package io.dsgluesync.lineage;

/**
 * One source of an object's data.
 *
 * <p>A Datasphere object ({@code space} and {@code object} set) or an external one read through a connection
 * ({@code connection} and {@code remoteEntity} set, {@code space} the space owning the connection).
 *
 * @param space        the Datasphere space of the source (a dotted reference {@code OTHER.OBJECT} names another
 *                     space only when that space exists; otherwise the dotted name is an object of the same space)
 * @param object       the source's technical name; null for an external source
 * @param via          how the definition reads it: {@code from}, {@code join}, {@code union}, {@code subquery},
 *                     {@code association}, {@code fact}, {@code dimension}, {@code remote}, {@code replication},
 *                     {@code dataflow}
 * @param connection   the connection an external source is read through (remote tables, flows), else null
 * @param remoteEntity the external entity, as the definition names it (e.g. {@code SCHEMA.TABLE}), else null
 * @param flow         {@code FLOW/task} for sources that reach the object through a replication or data flow, else null
 */
public record Upstream(String space, String object, String via, String connection, String remoteEntity,
                       String flow) {
    public static Upstream object(String space, String object, String via) {
        return new Upstream(space, object, via, null, null, null);
    }

    public static Upstream external(String space, String connection, String remoteEntity, String via, String flow) {
        return new Upstream(space, null, via, connection, remoteEntity, flow);
    }

    public boolean external() {
        return object == null;
    }
}
