package cn.minhang.policy.batch;

/**
 * An input line with its number (1-based), as the batch's workers take it: the number goes into the output line,
 * so that the output names the input line whatever order the workers finish in.
 */
public record NumberedLine(long number, LineInput.Line line) {
}
