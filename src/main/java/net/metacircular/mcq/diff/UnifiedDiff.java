package net.metacircular.mcq.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

import java.util.Arrays;
import java.util.List;

/** A unified diff of two texts, as {@code diff -u} writes it, with line counts. */
public record UnifiedDiff(String text, int linesAdded, int linesRemoved) {

    public static UnifiedDiff between(String oldText, String newText, String oldLabel, String newLabel) {
        List<String> before = lines(oldText);
        List<String> after = lines(newText);
        Patch<String> patch = DiffUtils.diff(before, after);
        int added = 0;
        int removed = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            added += delta.getTarget().size();
            removed += delta.getSource().size();
        }
        if (patch.getDeltas().isEmpty()) {
            return new UnifiedDiff("", 0, 0);
        }
        List<String> text = UnifiedDiffUtils.generateUnifiedDiff(oldLabel, newLabel, before, patch, 3);
        return new UnifiedDiff(String.join("\n", text) + "\n", added, removed);
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }
}
