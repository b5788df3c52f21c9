package net.metacircular.mcq.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DiffTextTest {

    private static final String DIFF = "--- a@1\n+++ a@2\n@@ -1,2 +1,2 @@\n same\n-old\n+new\r\n";

    @Test
    void plainTextIsTheDiffWithoutColours() {
        assertThat(DiffText.format(DIFF, false)).isEqualTo("--- a@1\n+++ a@2\n@@ -1,2 +1,2 @@\n same\n-old\n+new\n");
    }

    @Test
    void colouredTextMarksEachKindOfLine() {
        assertThat(DiffText.format(DIFF, true)).isEqualTo(
                DiffText.BOLD + "--- a@1" + DiffText.RESET + "\n"
                        + DiffText.BOLD + "+++ a@2" + DiffText.RESET + "\n"
                        + DiffText.CYAN + "@@ -1,2 +1,2 @@" + DiffText.RESET + "\n"
                        + " same\n"
                        + DiffText.RED + "-old" + DiffText.RESET + "\n"
                        + DiffText.GREEN + "+new" + DiffText.RESET + "\n");
    }

    @Test
    void escapesAndBidiControlsInDocumentTextCannotReachTheTerminal() {
        String hostile = "+\u001b[2J\u001b]0;title\u0007\u202Eevil\tcode\u0085\n";
        assertThat(DiffText.format(hostile, true))
                .doesNotContain("\u001b[2J", "\u001b]", "\u0007", "\u202E", "\u0085")
                .contains("\uFFFD[2J", "\tcode");
    }
}
