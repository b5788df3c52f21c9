package net.metacircular.mcq.reviews;

import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.testing.TestMcq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Measures the review loop on a real server and SQLite file (run by
 * bench/review-bench.sh on the test classpath): the feedback of a document
 * with 200 comments written on the previous revision (so every one is
 * re-anchored), and the wake-up latency of a wait after a verdict. Prints
 * medians after warm-up.
 */
public final class ReviewBench {

    private static final int WARMUP = 20;
    private static final int RUNS = 51;
    private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");
    private static final Caller ALICE = new Caller("s-alice", "alice", "human", List.of("user"), LATER);
    private static final Caller AGENT = new Caller("s-bot", "ci-bot", "system", List.of(), LATER);

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("mcq-review-bench");
        try (TestMcq mcq = TestMcq.start(dir)) {
            DocumentService documents = mcq.app.documents();
            ReviewService reviews = mcq.app.reviews();
            StringBuilder body = new StringBuilder("# Plan\n\n");
            for (int i = 0; i < 200; i++) {
                body.append("Step ").append(i).append(": change module ").append(i)
                        .append(" and run its tests, then record the result in the log.\n\n");
            }
            documents.put(AGENT, "plan", "Plan", body.toString());
            for (int i = 0; i < 200; i++) {
                int line = 3 + 2 * i;
                reviews.addComment(ALICE, "plan", new NewComment(null, CommentKind.REPLACEMENT,
                        new Anchor("change module " + i + " and", "Step " + i + ": ", " run", line, line),
                        "Point " + i + ": say which tests.", "change module " + i + " with care and"));
            }
            documents.put(AGENT, "plan", "Plan", "Intro line.\n\n" + body);
            report("feedback, 200 comments re-anchored on the next revision",
                    () -> reviews.feedback(AGENT, "plan", null));
            Feedback sample = reviews.feedback(AGENT, "plan", null);
            System.out.printf("  (%d comments, %d outdated, %d KB of Markdown)%n", sample.comments().size(),
                    sample.comments().stream().filter(Comment::outdated).count(), sample.markdown().length() / 1024);

            double[] wakeUps = new double[RUNS];
            for (int i = 0; i < WARMUP + RUNS; i++) {
                documents.put(AGENT, "wake", "Wake", "Revision " + i + "\n");
                CompletableFuture<Feedback> waiting = reviews.waitForFeedback(AGENT, "wake", null,
                        Duration.ofSeconds(30));
                long start = System.nanoTime();
                reviews.review(ALICE, "wake", null, VerdictKind.APPROVE, null);
                waiting.get(10, TimeUnit.SECONDS);
                if (i >= WARMUP) {
                    wakeUps[i - WARMUP] = (System.nanoTime() - start) / 1e6;
                }
            }
            print("wait wake-up: verdict given to feedback composed", wakeUps);
        }
    }

    private static void report(String name, Supplier<?> work) {
        for (int i = 0; i < WARMUP; i++) {
            work.get();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        print(name, millis);
    }

    private static void print(String name, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf("%-60s median %7.2f ms  (min %.2f, max %.2f, %d runs)%n",
                name, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
    }
}
