package net.metacircular.mcq.webserver;

import io.javalin.http.Context;
import net.metacircular.mcq.attachments.Attachment;
import net.metacircular.mcq.attachments.AttachmentContent;
import net.metacircular.mcq.attachments.AttachmentService;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.http.Callers;
import net.metacircular.mcq.http.FileResponse;
import net.metacircular.mcq.render.AttachedImages;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A document's attached files in the web UI: the routes that serve them to
 * the signed-in reader (GET /d/{slug}/files/{name} for the current
 * revision's, GET /d/{slug}/r/{revision}/files/{name} for an older one's,
 * with the same headers as the REST API's; a name may have folders), and
 * the step that points a render's relative images at them
 * ({@link AttachedImages}). Attachments belong to revisions: a page of an
 * old revision shows the versions of the files that revision showed.
 */
final class FilePages {

    private final AttachmentService attachments;

    FilePages(AttachmentService attachments) {
        this.attachments = attachments;
    }

    /** GET /d/{slug}/files/{name}: the latest version. */
    void file(Context ctx) {
        send(ctx, attachments.get(Callers.of(ctx), ctx.pathParam("slug"), ctx.pathParam("name")));
    }

    /** GET /d/{slug}/r/{revision}/files/{name}: the version that revision shows. */
    void revisionFile(Context ctx) {
        long revision = DocumentRules.parseRevision(ctx.pathParam("revision"), "revision");
        send(ctx, attachments.get(Callers.of(ctx), ctx.pathParam("slug"), ctx.pathParam("name"), revision));
    }

    private static void send(Context ctx, AttachmentContent content) {
        FileResponse.write(ctx, content.attachment().mediaType(), content.attachment().name(), content.bytes());
    }

    /**
     * {@code html} (a render of the document's current revision) with its
     * relative images pointing at the document's latest files; the files are
     * listed only when the render has such images.
     */
    String withFiles(Caller caller, String slug, String html) {
        return AttachedImages.resolve(html, files(caller, slug, null));
    }

    /** {@code html} (a render of revision {@code revision}) with its images pointing at that revision's files. */
    String withFiles(Caller caller, String slug, long revision, long current, String html) {
        return AttachedImages.resolve(html, files(caller, slug, revision == current ? null : revision));
    }

    /**
     * A changes view between revisions {@code from} and {@code to}: removed
     * blocks show {@code from}'s files, the others {@code to}'s.
     */
    String withChangedFiles(Caller caller, String slug, long from, long to, long current, String html) {
        return AttachedImages.resolveChanges(html, files(caller, slug, from == current ? null : from),
                files(caller, slug, to == current ? null : to));
    }

    /** The files {@code revision} shows (null: the current one), listed the first time an image asks. */
    private AttachedImages.Files files(Caller caller, String slug, Long revision) {
        String path = revision == null ? "/d/" + slug + "/files/" : "/d/" + slug + "/r/" + revision + "/files/";
        return new AttachedImages.Files(path, new Predicate<>() {
            private Set<String> names;

            @Override
            public boolean test(String name) {
                if (names == null) {
                    names = new HashSet<>();
                    for (Attachment file : attachments.list(caller, slug, revision)) {
                        names.add(file.name());
                    }
                }
                return names.contains(name);
            }
        });
    }
}
