package cn.minhang.policy.bench;

import java.nio.file.Path;

import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.model.Application;

/**
 * The baseline's {@code evaluate}: reads one application file with the library's reader, decides it with the
 * plain-Java {@link Baseline} and prints its lines and total. The floor for {@code ./policy evaluate}'s start-up:
 * a JVM, the reader and a decision, no rule base.
 */
public final class BaselineEvaluate {
    public static void main(String[] args) {
        Application a = ApplicationReader.read(Path.of(args[0]));
        Baseline.Result r = Baseline.decide(a);
        for (Baseline.Line l : r.lines()) {
            System.out.println(l.clause() + "  " + l.subject() + "  " + l.status() + "  " + l.amount().toPlainString());
        }
        System.out.println("total " + r.total().toPlainString());
    }
}
