package net.metacircular.mcq.mcp;

import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.client.RestClient;
import net.metacircular.mcq.documents.Document;
import net.metacircular.mcq.documents.DocumentSummary;
import net.metacircular.mcq.documents.PutResult;
import net.metacircular.mcq.documents.Revision;
import net.metacircular.mcq.documents.RevisionDiff;
import net.metacircular.mcq.documents.RevisionInfo;

import java.util.List;

/** The queue of a running MCQ, over its REST API with the client's token. */
public final class RestDocumentOperations implements DocumentOperations {

    private final RestClient client;

    public RestDocumentOperations(RestClient client) {
        this.client = client;
    }

    @Override
    public void admit(Access access) {
        // The MCQ server behind the REST client checks its own access table.
    }

    @Override
    public List<DocumentSummary> list() {
        return client.list();
    }

    @Override
    public Document get(String slug) {
        return client.get(slug);
    }

    @Override
    public PutResult push(String slug, String title, String body) {
        return client.put(slug, title, body);
    }

    @Override
    public void delete(String slug) {
        client.delete(slug);
    }

    @Override
    public Document markRead(String slug) {
        return client.markRead(slug);
    }

    @Override
    public Document markUnread(String slug) {
        return client.markUnread(slug);
    }

    @Override
    public List<RevisionInfo> revisions(String slug) {
        return client.revisions(slug);
    }

    @Override
    public Revision revision(String slug, long number) {
        return client.revision(slug, number);
    }

    @Override
    public RevisionDiff diff(String slug, Long from, Long to) {
        return client.diff(slug, from, to);
    }
}
