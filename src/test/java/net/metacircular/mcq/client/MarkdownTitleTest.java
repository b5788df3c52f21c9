package net.metacircular.mcq.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownTitleTest {

    @Test
    void takesTheFirstLevelOneHeading() {
        assertThat(MarkdownTitle.of("intro\n\n## Not this\n\n# The *real* `title` #\n\n# Later\n"))
                .hasValue("The real title");
    }

    @Test
    void ignoresHashLinesInsideCodeBlocks() {
        assertThat(MarkdownTitle.of("```sh\n# a shell comment\n```\n\n# Deploy notes\n")).hasValue("Deploy notes");
    }

    @Test
    void acceptsAnUnderlinedTitle() {
        assertThat(MarkdownTitle.of("Release 2.4\n===========\n\ntext")).hasValue("Release 2.4");
    }

    @Test
    void isEmptyWithoutALevelOneHeading() {
        assertThat(MarkdownTitle.of("## Only a subheading\n\n#hashtag is not a heading\n")).isEmpty();
        assertThat(MarkdownTitle.of("#\n")).isEmpty();
        assertThat(MarkdownTitle.of("")).isEmpty();
    }
}
