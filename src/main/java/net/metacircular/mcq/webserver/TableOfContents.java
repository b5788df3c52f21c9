package net.metacircular.mcq.webserver;

import net.metacircular.mcq.render.Heading;

import java.util.ArrayList;
import java.util.List;

/** The reader's table of contents: the document's h1 to h3, indented relative to the highest level used. */
final class TableOfContents {

    static final int DEEPEST_LEVEL = 3;
    /** With fewer entries a table of contents is noise, and it is left out. */
    static final int MINIMUM_ENTRIES = 2;

    private TableOfContents() {
    }

    static List<Views.TocEntry> of(List<Heading> headings) {
        List<Heading> listed = headings.stream()
                .filter(h -> h.level() <= DEEPEST_LEVEL && !h.text().isBlank())
                .toList();
        if (listed.size() < MINIMUM_ENTRIES) {
            return List.of();
        }
        int top = listed.stream().mapToInt(Heading::level).min().orElse(1);
        List<Views.TocEntry> entries = new ArrayList<>(listed.size());
        for (Heading heading : listed) {
            entries.add(new Views.TocEntry(heading.id(), heading.text(), heading.level() - top));
        }
        return List.copyOf(entries);
    }
}
