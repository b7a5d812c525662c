package io.dsgluesync.model;

/** A Datasphere space as the catalog lists it: technical name and business label. */
public record Space(String name, String label) {
}
