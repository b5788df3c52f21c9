package net.metacircular.mcq.reviews;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.documents.DocumentService;
import net.metacircular.mcq.documents.ReviewStatus;
import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The review rules against a real server's services and SQLite store. */
class ReviewServiceTest {

    private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");
    private static final Caller ADMIN = new Caller("s-admin", "admin", "human", List.of("admin", "user"), LATER);
    private static final Caller ALICE = new Caller("s-alice", "alice", "human", List.of("user"), LATER);
    private static final Caller BOB = new Caller("s-bob", "bob", "human", List.of("user"), LATER);
    private static final Caller GUEST = new Caller("s-guest", "guest", "human", List.of("guest"), LATER);
    private static final Caller AGENT = new Caller("s-bot", "ci-bot", "system", List.of(), LATER);

    private static final String PLAN = """
            # Plan

            First we migrate the database.

            - Step one: back up the data.
            - Step two: run **the migration** now.

            Then we test. Then we test.

            Finally we deploy.
            """;

    @TempDir
    Path dir;
    private TestMcq mcq;
    private DocumentService documents;
    private ReviewService reviews;

    @BeforeEach
    void start() {
        mcq = TestMcq.start(dir);
        documents = mcq.app.documents();
        reviews = mcq.app.reviews();
        documents.put(AGENT, "plan", "Plan", PLAN);
    }

    @AfterEach
    void stop() {
        mcq.close();
    }

    private static NewComment on(String quote, int start, int end, String text) {
        return new NewComment(null, CommentKind.COMMENT, new Anchor(quote, "", "", start, end), text, null);
    }

    private static NewComment general(String text) {
        return new NewComment(null, CommentKind.COMMENT, null, text, null);
    }

    private static ServiceException.Kind kindOf(Runnable call) {
        try {
            call.run();
        } catch (ServiceException e) {
            return e.kind();
        }
        throw new AssertionError("no ServiceException");
    }

    @Test
    void peopleCommentAgentsReplyGuestsOnlyRead() {
        Comment comment = reviews.addComment(ALICE, "plan", on("the migration", 6, 6, "Which one?"));
        assertThat(comment.current().startLine()).isEqualTo(6);
        assertThat(reviews.addComment(ADMIN, "plan", general("Looks fine")).isGeneral()).isTrue();

        assertThat(kindOf(() -> reviews.addComment(GUEST, "plan", general("hi"))))
                .isEqualTo(ServiceException.Kind.PERMISSION_DENIED);
        assertThat(kindOf(() -> reviews.addComment(AGENT, "plan", general("hi"))))
                .isEqualTo(ServiceException.Kind.PERMISSION_DENIED);
        assertThat(kindOf(() -> reviews.reply(GUEST, "plan", comment.id(), "me too")))
                .isEqualTo(ServiceException.Kind.PERMISSION_DENIED);

        assertThat(reviews.reply(AGENT, "plan", comment.id(), "The 2026 one.").author()).isEqualTo("ci-bot");
        assertThat(reviews.reply(BOB, "plan", comment.id(), "Thanks").author()).isEqualTo("bob");

        assertThat(kindOf(() -> reviews.resolve(AGENT, "plan", comment.id())))
                .isEqualTo(ServiceException.Kind.PERMISSION_DENIED);
        assertThat(kindOf(() -> reviews.resolve(GUEST, "plan", comment.id())))
                .isEqualTo(ServiceException.Kind.PERMISSION_DENIED);
        assertThat(reviews.resolve(BOB, "plan", comment.id()).resolvedBy()).isEqualTo("bob");
        assertThat(reviews.reopen(ALICE, "plan", comment.id()).resolved()).isFalse();

        assertThat(kindOf(() -> reviews.review(AGENT, "plan", null, VerdictKind.APPROVE, null)))
                .isEqualTo(ServiceException.Kind.PERMISSION_DENIED);
        assertThat(kindOf(() -> reviews.review(GUEST, "plan", null, VerdictKind.APPROVE, null)))
                .isEqualTo(ServiceException.Kind.PERMISSION_DENIED);

        // Everyone reads.
        for (Caller reader : List.of(ADMIN, ALICE, GUEST, AGENT)) {
            assertThat(reviews.comments(reader, "plan", null)).hasSize(2);
            assertThat(reviews.feedback(reader, "plan", null).comments()).hasSize(2);
        }
        assertThat(reviews.comments(GUEST, "plan", null).get(0).replies()).extracting(Reply::author)
                .containsExactly("ci-bot", "bob");
    }

    @Test
    void onlyTheAuthorOrAnAdminDeletes() {
        Comment byAdmin = reviews.addComment(ADMIN, "plan", general("admin's"));
        Comment byAlice = reviews.addComment(ALICE, "plan", general("alice's"));
        Comment another = reviews.addComment(ALICE, "plan", general("alice's second"));
        assertThat(kindOf(() -> reviews.deleteComment(ALICE, "plan", byAdmin.id())))
                .isEqualTo(ServiceException.Kind.PERMISSION_DENIED);
        assertThat(kindOf(() -> reviews.deleteComment(BOB, "plan", byAlice.id())))
                .isEqualTo(ServiceException.Kind.PERMISSION_DENIED);
        assertThat(kindOf(() -> reviews.deleteComment(AGENT, "plan", byAlice.id())))
                .isEqualTo(ServiceException.Kind.PERMISSION_DENIED);
        reviews.deleteComment(ALICE, "plan", byAlice.id());
        reviews.deleteComment(ADMIN, "plan", another.id());
        assertThat(reviews.comments(ALICE, "plan", null)).extracting(Comment::id).containsExactly(byAdmin.id());
        assertThat(kindOf(() -> reviews.deleteComment(ADMIN, "plan", byAlice.id())))
                .isEqualTo(ServiceException.Kind.NOT_FOUND);
    }

    @Test
    void limitsGiveClearErrors() {
        String tooLong = "x".repeat(reviews.rules().maxCommentBytes() + 1);
        assertThatThrownBy(() -> reviews.addComment(ALICE, "plan", general(tooLong)))
                .isInstanceOf(ServiceException.class).hasMessageContaining("text is longer than 16384 bytes")
                .extracting(e -> ((ServiceException) e).kind()).isEqualTo(ServiceException.Kind.TOO_LARGE);
        assertThat(kindOf(() -> reviews.reply(ALICE, "plan", 1, tooLong))).isEqualTo(ServiceException.Kind.TOO_LARGE);
        assertThat(kindOf(() -> reviews.review(ALICE, "plan", null, VerdictKind.APPROVE, tooLong)))
                .isEqualTo(ServiceException.Kind.TOO_LARGE);
        assertThat(kindOf(() -> reviews.addComment(ALICE, "plan", on("x".repeat(1 << 20), 1, 1, "huge"))))
                .isEqualTo(ServiceException.Kind.TOO_LARGE);
        assertThat(kindOf(() -> reviews.addComment(ALICE, "plan",
                new NewComment(null, CommentKind.COMMENT, new Anchor("Plan", "p".repeat(201), "", 1, 1), "t", null))))
                .isEqualTo(ServiceException.Kind.TOO_LARGE);
        assertThat(kindOf(() -> reviews.addComment(ALICE, "plan", general("  "))))
                .isEqualTo(ServiceException.Kind.INVALID_INPUT);
        assertThat(kindOf(() -> reviews.addComment(ALICE, "plan",
                new NewComment(null, CommentKind.REPLACEMENT, new Anchor("Plan", "", "", 1, 1), "", null))))
                .isEqualTo(ServiceException.Kind.INVALID_INPUT);
        assertThat(kindOf(() -> reviews.addComment(ALICE, "plan",
                new NewComment(null, CommentKind.DELETION, null, "", null))))
                .isEqualTo(ServiceException.Kind.INVALID_INPUT);
        assertThat(kindOf(() -> reviews.addComment(ALICE, "nothing-here", general("hi"))))
                .isEqualTo(ServiceException.Kind.NOT_FOUND);
        assertThat(kindOf(() -> reviews.reply(ALICE, "plan", 999, "hi"))).isEqualTo(ServiceException.Kind.NOT_FOUND);
    }

    @Test
    void theCommentLimitPerDocumentHolds() {
        for (int i = 0; i < reviews.rules().maxCommentsPerDocument(); i++) {
            reviews.addComment(ALICE, "plan", general("point " + i));
        }
        assertThatThrownBy(() -> reviews.addComment(ALICE, "plan", general("one more")))
                .isInstanceOf(ServiceException.class).hasMessageContaining("most comments");
    }

    @Test
    void hostileAnchorsAreBadInput() {
        for (Anchor anchor : List.of(new Anchor("Plan", "", "", 0, 1), new Anchor("Plan", "", "", 3, 2),
                new Anchor("Plan", "", "", 1, 1000), new Anchor("Plan", "", "", Integer.MAX_VALUE, Integer.MAX_VALUE),
                new Anchor("", "", "", 1, 1), new Anchor("not in the plan", "", "", 1, 10))) {
            assertThat(kindOf(() -> reviews.addComment(ALICE, "plan",
                    new NewComment(null, CommentKind.COMMENT, anchor, "t", null))))
                    .as(anchor.toString()).isEqualTo(ServiceException.Kind.INVALID_INPUT);
        }
        assertThatThrownBy(() -> reviews.addComment(ALICE, "plan", on("Finally we deploy", 1, 3, "t")))
                .hasMessage("quote not found on lines 1–3 of revision 1");
    }

    @Test
    void quotesAreMatchedAgainstTheRenderedTextWithWhitespaceCollapsed() {
        // "**the migration**" renders as "the migration"; the selection spans the emphasis.
        Comment comment = reviews.addComment(ALICE, "plan", on("run  the\nmigration now", 5, 6, "t"));
        assertThat(comment.current().startLine()).isEqualTo(6);
        assertThat(comment.current().endLine()).isEqualTo(6);
        // A quote copied from the source is found too.
        assertThat(reviews.addComment(ALICE, "plan", on("**the migration**", 6, 6, "t")).current()).isNotNull();
    }

    @Test
    void aRepeatedQuoteIsReanchoredByItsContextAndAGoneOneIsOutdated() {
        Comment second = reviews.addComment(ALICE, "plan", new NewComment(null, CommentKind.COMMENT,
                new Anchor("Then we test.", "Then we test. ", " Finally", 8, 8), "which test?", null));
        Comment migration = reviews.addComment(ALICE, "plan", new NewComment(null, CommentKind.REPLACEMENT,
                new Anchor("back up the data", "Step one: ", ".", 5, 5), "", "copy the data"));
        String revised = """
                # Plan

                Intro paragraph added.

                Then we test.

                First we migrate the database.

                - Step two: run **the migration** now.

                Then we test. Then we test.

                Finally we deploy.
                """;
        documents.put(AGENT, "plan", "Plan", revised);
        List<Comment> seen = reviews.comments(ALICE, "plan", null);
        Comment reanchored = seen.stream().filter(c -> c.id() == second.id()).findFirst().orElseThrow();
        assertThat(reanchored.outdated()).isFalse();
        assertThat(reanchored.current().startLine()).isEqualTo(11);
        Comment gone = seen.stream().filter(c -> c.id() == migration.id()).findFirst().orElseThrow();
        assertThat(gone.outdated()).isTrue();
        assertThat(gone.current()).isNull();

        Feedback feedback = reviews.feedback(AGENT, "plan", null);
        assertThat(feedback.revision()).isEqualTo(2);
        assertThat(feedback.comments()).hasSize(2);
        assertThat(feedback.markdown()).contains("Outdated").contains("Line 11");

        // Resolved comments from earlier revisions leave the feedback and are not re-anchored.
        reviews.resolve(ALICE, "plan", migration.id());
        assertThat(reviews.feedback(AGENT, "plan", null).comments()).extracting(Comment::id)
                .containsExactly(second.id());
        Comment resolved = reviews.comments(ALICE, "plan", null).stream()
                .filter(c -> c.id() == migration.id()).findFirst().orElseThrow();
        assertThat(resolved.outdated()).isFalse();
        assertThat(resolved.current()).isNull();
    }

    @Test
    void verdictsSetTheReviewStatusOfTheCurrentRevisionOnly() {
        assertThat(documents.get(ALICE, "plan").reviewStatus()).isEqualTo(ReviewStatus.PENDING);
        reviews.addComment(ALICE, "plan", new NewComment(null, CommentKind.DELETION,
                new Anchor("Finally we deploy.", "", "", 10, 10), "", null));
        reviews.addComment(ALICE, "plan", general("Please add a rollback plan."));
        reviews.review(ALICE, "plan", 1L, VerdictKind.REQUEST_CHANGES, "Needs a rollback.");
        assertThat(documents.get(AGENT, "plan").reviewStatus()).isEqualTo(ReviewStatus.CHANGES_REQUESTED);
        assertThat(documents.list(AGENT).get(0).reviewStatus()).isEqualTo(ReviewStatus.CHANGES_REQUESTED);

        Feedback feedback = reviews.feedback(AGENT, "plan", null);
        assertThat(feedback.status()).isEqualTo(ReviewStatus.CHANGES_REQUESTED);
        assertThat(feedback.markdown()).startsWith(
                "Changes requested on revision 1 of `plan` by alice: Needs a rollback.\n");
        assertThat(feedback.markdown()).contains("1. [comment ").contains("Line 10, quoting “Finally we deploy.”")
                .contains("(asks to delete it)").contains("2. [comment ").contains("General");

        documents.put(AGENT, "plan", "Plan", PLAN + "\nRollback: restore the backup.\n");
        assertThat(documents.get(AGENT, "plan").reviewStatus()).isEqualTo(ReviewStatus.PENDING);
        assertThat(kindOf(() -> reviews.review(ALICE, "plan", 1L, VerdictKind.APPROVE, null)))
                .isEqualTo(ServiceException.Kind.INVALID_INPUT);
        reviews.review(ADMIN, "plan", null, VerdictKind.APPROVE, null);
        assertThat(documents.list(GUEST).get(0).reviewStatus()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(reviews.feedback(AGENT, "plan", null).markdown()).startsWith("Approved revision 2 of `plan` by admin");
        assertThat(reviews.feedback(AGENT, "plan", 1L).status()).isEqualTo(ReviewStatus.CHANGES_REQUESTED);
    }

    @Test
    void aWaitEndsOnTheVerdictOrTheTimeoutOrTheDeletion() throws Exception {
        CompletableFuture<Feedback> waiting = reviews.waitForFeedback(AGENT, "plan", null, Duration.ofSeconds(30));
        assertThat(waiting).isNotDone();
        assertThat(reviews.openWaits()).isEqualTo(1);
        reviews.review(ALICE, "plan", null, VerdictKind.APPROVE, "ship it");
        Feedback answer = waiting.get(5, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(answer.pending()).isFalse();
        assertThat(reviews.openWaits()).isZero();

        // A verdict that already exists answers at once.
        assertThat(reviews.waitForFeedback(AGENT, "plan", 1L, null).get(5, TimeUnit.SECONDS).verdict().summary())
                .isEqualTo("ship it");

        documents.put(AGENT, "plan", "Plan", PLAN + "\nMore.\n");
        Feedback timedOut = reviews.waitForFeedback(AGENT, "plan", null, Duration.ofMillis(200))
                .get(5, TimeUnit.SECONDS);
        assertThat(timedOut.pending()).isTrue();
        assertThat(timedOut.markdown()).startsWith("Review pending on revision 2 of `plan` — no verdict yet; call again");

        CompletableFuture<Feedback> orphan = reviews.waitForFeedback(AGENT, "plan", null, Duration.ofSeconds(30));
        documents.delete(ALICE, "plan");
        assertThatThrownBy(() -> orphan.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ServiceException.class);
        assertThat(kindOf(() -> reviews.waitForFeedback(AGENT, "plan", null, null)))
                .isEqualTo(ServiceException.Kind.NOT_FOUND);
    }
}
