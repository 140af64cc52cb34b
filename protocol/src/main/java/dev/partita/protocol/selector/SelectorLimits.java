package dev.partita.protocol.selector;

/**
 * Bounds that keep a hostile selector from costing the broker more than a bounded amount of
 * memory and stack. Selectors are parsed by recursive descent and evaluated by recursion over the
 * tree, so {@code maxDepth} bounds both; {@code AND}/{@code OR} chains and {@code IN} lists are
 * flat and do not count against it.
 *
 * @param maxLength the longest selector accepted, in chars
 * @param maxDepth the deepest nesting accepted: parentheses, unary operators and operator chains
 *     such as {@code a + b + c} (each operator adds one level)
 */
public record SelectorLimits(int maxLength, int maxDepth) {

    /** 64 KiB chars: far more than any hand-written or generated selector we know of. */
    public static final int DEFAULT_MAX_LENGTH = 64 * 1024;

    /** Deep enough for any real selector, shallow enough for a small thread stack. */
    public static final int DEFAULT_MAX_DEPTH = 100;

    /** The limits {@link Selector#parse(String)} applies. */
    public static final SelectorLimits DEFAULT = new SelectorLimits(DEFAULT_MAX_LENGTH, DEFAULT_MAX_DEPTH);

    /** Checks that both limits are positive. */
    public SelectorLimits {
        if (maxLength < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("selector limits must be positive: length " + maxLength
                    + ", depth " + maxDepth);
        }
    }
}
