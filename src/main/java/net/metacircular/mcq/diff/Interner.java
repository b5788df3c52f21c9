package net.metacircular.mcq.diff;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Gives equal keys equal small ids, so sequences are compared as int arrays. */
final class Interner {

    private final Map<String, Integer> ids = new HashMap<>();

    int idOf(String key) {
        return ids.computeIfAbsent(key, k -> ids.size());
    }

    <T> int[] idsOf(List<T> items, Function<T, String> key) {
        int[] result = new int[items.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = idOf(key.apply(items.get(i)));
        }
        return result;
    }
}
