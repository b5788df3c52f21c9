package net.metacircular.mcq.text;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.ext.footnotes.FootnotesExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;

import java.util.List;

/**
 * The Markdown MCQ reads: CommonMark with GitHub's tables, strikethrough,
 * autolinks (including {@code www.} ones), task lists and footnotes. The reader renders it and the diff
 * splits it into blocks with the same extensions, so both see the same
 * blocks.
 */
public final class MarkdownDialect {

    public static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(),
            StrikethroughExtension.create(),
            // As on GitHub, "www.example.com" links too (to http://www.example.com).
            AutolinkExtension.builder().linkTypes(AutolinkType.URL, AutolinkType.EMAIL, AutolinkType.WWW).build(),
            TaskListItemsExtension.create(),
            FootnotesExtension.create());

    private MarkdownDialect() {
    }
}
