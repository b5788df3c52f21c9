package net.metacircular.mcq.render;

/**
 * Where the HTML writer and the sanitizer write: a string builder that refuses
 * to grow past a limit ({@link Unrendered#TOO_LARGE}) and ticks the render's
 * budget as it fills, so writing a huge document cannot exhaust memory or run
 * past its time.
 */
final class BoundedOutput implements Appendable {

    private final StringBuilder out;
    private final int maxChars;
    private final RenderBudget budget;

    BoundedOutput(int expectedChars, int maxChars, RenderBudget budget) {
        this.out = new StringBuilder(Math.min(expectedChars, maxChars));
        this.maxChars = maxChars;
        this.budget = budget;
    }

    @Override
    public Appendable append(CharSequence text) {
        CharSequence chars = text == null ? "null" : text;
        return append(chars, 0, chars.length());
    }

    @Override
    public Appendable append(CharSequence text, int start, int end) {
        CharSequence chars = text == null ? "null" : text;
        grow(end - start);
        out.append(chars, start, end);
        return this;
    }

    @Override
    public Appendable append(char c) {
        grow(1);
        out.append(c);
        return this;
    }

    private void grow(int chars) {
        if (out.length() + chars > maxChars) {
            throw new RenderAbandoned(Unrendered.TOO_LARGE);
        }
        budget.tick();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
