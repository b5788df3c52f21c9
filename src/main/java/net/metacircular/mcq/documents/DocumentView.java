package net.metacircular.mcq.documents;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A document as every surface shows it: REST and MCP serialise this record,
 * gRPC's {@code mcq.v1.Document} carries the same fields, and
 * {@code DocumentViewParityTest} compares all three against {@link #FIELDS}.
 * A field added here fails that test until every surface carries it.
 *
 * <p>Times are RFC 3339 UTC text with the stored precision ({@code read_at}
 * is null while unread). {@code body} is present in the REST document and
 * absent from the metadata form ({@link #metadata()}) that MCP returns next to
 * the body.
 *
 * @param webPath      where the operator reads the document in the web UI
 * @param readRevision the revision the caller last marked read, null if never
 * @param readers      the people who marked some revision read, newest mark first
 * @param reviewStatus {@code pending}, {@code approved} or {@code changes_requested}: the current revision's review
 */
public record DocumentView(
        String slug,
        String title,
        @JsonInclude(JsonInclude.Include.NON_NULL) String body,
        String pushedBy,
        String pushedAt,
        boolean read,
        String readAt,
        String createdAt,
        long revision,
        String webPath,
        String bodySha256,
        Long readRevision,
        List<ReaderView> readers,
        String reviewStatus) {

    /** The wire names of the fields, in order, without {@link #BODY}. */
    public static final List<String> FIELDS = List.of(
            "slug", "title", "pushed_by", "pushed_at", "read", "read_at", "created_at", "revision", "web_path",
            "body_sha256", "read_revision", "readers", "review_status");

    /** A person's read mark as every surface shows it. */
    public record ReaderView(String username, long revision, String readAt) {
    }

    /** The wire name of the body, present only in the full form. */
    public static final String BODY = "body";

    /** The full form, with the body. */
    public static DocumentView of(Document document) {
        return new DocumentView(document.slug(), document.title(), document.body(), document.pushedBy(),
                time(document.pushedAt()), document.read(), time(document.readAt()), time(document.createdAt()),
                document.revision(), webPath(document.slug()), document.bodySha256(), document.readRevision(),
                document.readers().stream()
                        .map(r -> new ReaderView(r.username(), r.revision(), time(r.readAt()))).toList(),
                document.reviewStatus().wireName());
    }

    /** The same view without the body. */
    public DocumentView metadata() {
        return new DocumentView(slug, title, null, pushedBy, pushedAt, read, readAt, createdAt, revision, webPath,
                bodySha256, readRevision, readers, reviewStatus);
    }

    /** The web UI path of a document, relative to the server: the reader page. */
    public static String webPath(String slug) {
        return "/d/" + slug;
    }

    /** A time as the views write it; null stays null. */
    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
