package net.metacircular.mcq.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeadingIdsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Getting Started!                | getting-started",
        "  Trim me                       | trim-me",
        "API v2.1: what's new?           | api-v21-whats-new",
        "snake_case and kebab-case       | snake_case-and-kebab-case",
        "Ünïcödé Überschrift             | ünïcödé-überschrift",
        "日本語の見出し                    | 日本語の見出し",
        "a  b                            | a--b",
        "<script>x</script>              | scriptxscript",
        "fn:1                            | fn1",
    })
    void slugsLookLikeGitHubs(String text, String slug) {
        assertThat(HeadingIds.slug(text)).isEqualTo(slug);
    }

    @Test
    void idsAreUniqueEvenWhenTextMimicsASuffix() {
        HeadingIds ids = new HeadingIds();

        List<String> generated = Stream.of("A", "A", "A-1", "A", "a", "🚀", "")
                .map(ids::next)
                .toList();

        assertThat(generated).containsExactly("a", "a-1", "a-1-1", "a-2", "a-3", "section", "section-1");
    }

    @Test
    void manyHeadingsWithTheSameTextStayFast() {
        // A pushed document of nothing but "# x" lines must not make rendering quadratic.
        HeadingIds ids = new HeadingIds();

        Set<String> generated = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            Set<String> all = new HashSet<>();
            for (int i = 0; i < 50_000; i++) {
                all.add(ids.next("Same"));
            }
            return all;
        });

        assertThat(generated).hasSize(50_000).contains("same", "same-1", "same-49999");
    }
}
