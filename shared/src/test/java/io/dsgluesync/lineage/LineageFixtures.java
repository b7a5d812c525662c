package io.dsgluesync.lineage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Fixture files and one-line descriptions of lineage values, so that tests compare whole values at a glance. */
final class LineageFixtures {
    static final Predicate<String> SAMPLE_SPACES = Set.of("SAP_CONTENT", "SPACE_A")::contains;

    private LineageFixtures() {
    }

    static byte[] file(String name) {
        try {
            return Files.readAllBytes(Path.of("src/test/resources/lineage/" + name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    /** {@code SPACE/OBJECT via} or {@code SPACE:CONNECTION:ENTITY via}, plus {@code @flow} when set. */
    static List<String> upstreams(Lineage lineage) {
        return lineage.upstreams().stream().map(LineageFixtures::upstream).toList();
    }

    static String upstream(Upstream u) {
        String name = u.external() ? u.space() + ":" + u.connection() + ":" + u.remoteEntity()
                : u.space() + "/" + u.object();
        return name + " " + u.via() + (u.flow() == null ? "" : " @" + u.flow());
    }

    /** {@code OUT <- S/O.C, S/O.C transform(FUNCTION)}. */
    static String column(ColumnLineage c) {
        return c.column() + " <- " + c.sources().stream().map(s -> s.space() + "/" + s.object() + "." + s.column())
                .collect(Collectors.joining(", ")) + " " + c.transform()
                + (c.function() == null ? "" : "(" + c.function() + ")");
    }

    static String column(Lineage lineage, String name) {
        return lineage.columns().stream().filter(c -> c.column().equals(name)).map(LineageFixtures::column)
                .findFirst().orElse(name + " absent");
    }

    static List<String> columnNames(Lineage lineage) {
        return lineage.columns().stream().map(ColumnLineage::column).toList();
    }
}
