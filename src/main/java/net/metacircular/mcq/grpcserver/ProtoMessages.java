package net.metacircular.mcq.grpcserver;

import net.metacircular.mcq.search.SearchHit;
import net.metacircular.mcq.search.SearchResults;
import net.metacircular.mcq.search.SearchResultsView;
import net.metacircular.mcq.search.SearchService;
import com.google.protobuf.Timestamp;
import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentSummary;
import net.metacircular.mcq.documents.DocumentView;
import net.metacircular.mcq.documents.Reader;
import net.metacircular.mcq.documents.Revision;
import net.metacircular.mcq.documents.RevisionDiff;
import net.metacircular.mcq.documents.RevisionInfo;

import java.time.Instant;

/**
 * Converts the application's records to their {@code mcq.v1} messages, which
 * carry the fields of {@link DocumentView} and
 * {@link net.metacircular.mcq.documents.DocumentSummaryView} (times as
 * {@code Timestamp}s); {@code DocumentViewParityTest} holds them to it.
 */
final class ProtoMessages {

    private ProtoMessages() {
    }

    static net.metacircular.mcq.grpc.v1.Document document(Document document) {
        net.metacircular.mcq.grpc.v1.Document.Builder message = net.metacircular.mcq.grpc.v1.Document.newBuilder()
                .setSlug(document.slug())
                .setTitle(document.title())
                .setBody(document.body())
                .setPushedBy(document.pushedBy())
                .setPushedAt(timestamp(document.pushedAt()))
                .setRead(document.read())
                .setCreatedAt(timestamp(document.createdAt()))
                .setRevision(document.revision())
                .setWebPath(DocumentView.webPath(document.slug()))
                .setBodySha256(document.bodySha256())
                .setReviewStatus(document.reviewStatus().wireName());
        // read_at and read_revision stay unset when REST has null.
        if (document.readAt() != null) {
            message.setReadAt(timestamp(document.readAt()));
        }
        if (document.readRevision() != null) {
            message.setReadRevision(document.readRevision());
        }
        for (Reader reader : document.readers()) {
            message.addReaders(net.metacircular.mcq.grpc.v1.Reader.newBuilder()
                    .setUsername(reader.username())
                    .setRevision(reader.revision())
                    .setReadAt(timestamp(reader.readAt())));
        }
        return message.build();
    }

    /** A search page, with the fields of {@link SearchResultsView}. */
    static net.metacircular.mcq.grpc.v1.SearchDocumentsResponse searchResults(String query, int page,
                                                                            SearchResults results) {
        net.metacircular.mcq.grpc.v1.SearchDocumentsResponse.Builder message =
                net.metacircular.mcq.grpc.v1.SearchDocumentsResponse.newBuilder()
                        .setQuery(query).setPage(page).setPageSize(SearchService.PAGE_SIZE)
                        .setTotal(results.total());
        for (SearchHit hit : results.hits()) {
            net.metacircular.mcq.grpc.v1.SearchHit.Builder found = net.metacircular.mcq.grpc.v1.SearchHit.newBuilder()
                    .setDocument(summary(hit.document()))
                    .setSnippet(hit.snippet().text());
            hit.snippet().highlights().forEach(range -> found.addHighlights(
                    net.metacircular.mcq.grpc.v1.Highlight.newBuilder().setStart(range.start()).setEnd(range.end())));
            message.addHits(found);
        }
        return message.build();
    }

    static net.metacircular.mcq.grpc.v1.DocumentSummary summary(DocumentSummary summary) {
        net.metacircular.mcq.grpc.v1.DocumentSummary.Builder message =
                net.metacircular.mcq.grpc.v1.DocumentSummary.newBuilder()
                        .setSlug(summary.slug())
                        .setTitle(summary.title())
                        .setPushedBy(summary.pushedBy())
                        .setPushedAt(timestamp(summary.pushedAt()))
                        .setRead(summary.read())
                        .setWebPath(DocumentView.webPath(summary.slug()))
                        .setRevision(summary.revision())
                        .setReviewStatus(summary.reviewStatus().wireName());
        if (summary.readRevision() != null) {
            message.setReadRevision(summary.readRevision());
        }
        return message.build();
    }

    static net.metacircular.mcq.grpc.v1.RevisionInfo revisionInfo(RevisionInfo info) {
        return net.metacircular.mcq.grpc.v1.RevisionInfo.newBuilder()
                .setNumber(info.number())
                .setTitle(info.title())
                .setPushedBy(info.pushedBy())
                .setPushedAt(timestamp(info.pushedAt()))
                .setBodySha256(info.bodySha256())
                .setBodyBytes(info.bodyBytes())
                .setSizeChange(info.sizeChange())
                .build();
    }

    static net.metacircular.mcq.grpc.v1.Revision revision(Revision revision) {
        return net.metacircular.mcq.grpc.v1.Revision.newBuilder()
                .setNumber(revision.number())
                .setTitle(revision.title())
                .setBody(revision.body())
                .setPushedBy(revision.pushedBy())
                .setPushedAt(timestamp(revision.pushedAt()))
                .setBodySha256(revision.bodySha256())
                .setBodyLengthBytes(revision.bodyBytes())
                .build();
    }

    static net.metacircular.mcq.grpc.v1.RevisionDiff diff(RevisionDiff diff) {
        return net.metacircular.mcq.grpc.v1.RevisionDiff.newBuilder()
                .setSlug(diff.slug())
                .setFrom(diff.from())
                .setTo(diff.to())
                .setUnified(diff.unified())
                .setLinesAdded(diff.linesAdded())
                .setLinesRemoved(diff.linesRemoved())
                .build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
