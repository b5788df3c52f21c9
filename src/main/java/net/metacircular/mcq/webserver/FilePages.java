package net.metacircular.mcq.webserver;

import io.javalin.http.Context;
import net.metacircular.mcq.attachments.Attachment;
import net.metacircular.mcq.attachments.AttachmentContent;
import net.metacircular.mcq.attachments.AttachmentService;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.http.Callers;
import net.metacircular.mcq.http.FileResponse;
import net.metacircular.mcq.render.AttachedImages;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A document's attached files in the web UI: the route that serves them to
 * the signed-in reader (GET /d/{slug}/files/{name}, with the same headers as
 * the REST API's), and the step that points a render's relative images at
 * it ({@link AttachedImages}).
 */
final class FilePages {

    private final AttachmentService attachments;

    FilePages(AttachmentService attachments) {
        this.attachments = attachments;
    }

    /** GET /d/{slug}/files/{name}. */
    void file(Context ctx) {
        AttachmentContent content = attachments.get(Callers.of(ctx), ctx.pathParam("slug"), ctx.pathParam("name"));
        FileResponse.write(ctx, content.attachment().mediaType(), content.attachment().name(), content.bytes());
    }

    /**
     * {@code html} (a render of one of the document's revisions) with its
     * relative images pointing at the document's files; the files are listed
     * only when the render has such images.
     */
    String withFiles(Caller caller, String slug, String html) {
        return AttachedImages.resolve(html, "/d/" + slug + "/files/", new Predicate<>() {
            private Set<String> names;

            @Override
            public boolean test(String name) {
                if (names == null) {
                    names = new HashSet<>();
                    for (Attachment file : attachments.list(caller, slug)) {
                        names.add(file.name());
                    }
                }
                return names.contains(name);
            }
        });
    }
}
