package net.metacircular.mcq.attachments;

import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.documents.DocumentRules;
import net.metacircular.mcq.documents.StorageException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Files attached to documents (spec section 18): the images their Markdown
 * links to. Every surface calls this, so the checks are written once.
 *
 * <p>Permissions follow documents: whoever may push a document (any
 * authenticated account) may upload, replace and delete its files, and
 * whoever may read it may read them. A file is checked before it is stored:
 * a plain name ({@link FileNames}), a type read from the bytes
 * ({@link FileSniffer}) that agrees with the name's extension and with the
 * type the client declared, and the size limits.
 */
public final class AttachmentService {

    private final AttachmentStore store;
    private final AttachmentRules rules;
    private final Clock clock;

    public AttachmentService(AttachmentStore store, AttachmentRules rules, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
    }

    public AttachmentRules rules() {
        return rules;
    }

    /**
     * Stores a file of a document, replacing one of the same name.
     *
     * @param declaredType the media type the client sent (a {@code Content-Type}), or null when the
     *                     transport has none; when given it must be the type of the bytes
     */
    public StoredUpload put(Caller caller, String slug, String name, String declaredType, byte[] bytes) {
        DocumentRules.checkSlug(slug);
        FileNames.check(name);
        rules.checkSize(bytes.length);
        FileType named = FileType.ofName(name).orElseThrow(() -> unsupported(
                "\"" + name + "\" does not end in the extension of a " + FileType.names() + " image"));
        FileType found = FileSniffer.sniff(bytes).orElseThrow(() -> unsupported(
                "the file is not a " + FileType.names() + " image"));
        if (found != named) {
            throw ServiceException.invalid("\"" + name + "\" is named as " + named + " but its bytes are "
                    + found + "; name it with a ." + found.name().toLowerCase(java.util.Locale.ROOT)
                    + " extension");
        }
        if (declaredType != null && FileType.ofMediaType(declaredType).orElse(null) != found) {
            throw unsupported("the request says " + declaredType + " but the file is " + found.mediaType());
        }
        String sha256 = sha256(bytes);
        try {
            return withStore(() -> store.put(slug, name, found.mediaType(), bytes, sha256, caller.username(),
                    clock.instant(), rules.maxTotalBytesPerDocument())).orElseThrow(() -> noSuchDocument(slug));
        } catch (AttachmentStore.TotalTooLarge e) {
            throw AttachmentRules.tooLarge("document \"" + slug + "\" already keeps " + e.keptBytes()
                    + " bytes of files; with " + bytes.length + " more it would exceed its limit of "
                    + rules.maxTotalBytesPerDocument() + " bytes (delete files it no longer needs)");
        }
    }

    /** The document's files, by name. */
    public List<Attachment> list(Caller caller, String slug) {
        DocumentRules.checkSlug(slug);
        return withStore(() -> store.list(slug)).orElseThrow(() -> noSuchDocument(slug));
    }

    /** One file with its bytes. */
    public AttachmentContent get(Caller caller, String slug, String name) {
        DocumentRules.checkSlug(slug);
        FileNames.check(name);
        return withStore(() -> store.get(slug, name)).orElseThrow(() -> noSuchFile(slug, name));
    }

    public void delete(Caller caller, String slug, String name) {
        DocumentRules.checkSlug(slug);
        FileNames.check(name);
        if (!withStore(() -> store.delete(slug, name))) {
            throw noSuchFile(slug, name);
        }
    }

    /**
     * Drops the files no kept revision of {@code slug} mentions any more;
     * called after each push that stored a revision.
     */
    public void documentChanged(String slug) {
        try {
            store.sweep(slug);
        } catch (StorageException e) {
            // The next upload sweeps again; a push that succeeded must not fail for this.
        }
    }

    private static ServiceException unsupported(String message) {
        return new ServiceException(ServiceException.Kind.UNSUPPORTED_TYPE, message);
    }

    private static ServiceException noSuchDocument(String slug) {
        return ServiceException.notFound("no document with slug \"" + slug + "\"");
    }

    private static ServiceException noSuchFile(String slug, String name) {
        return ServiceException.notFound("document \"" + slug + "\" has no file \"" + name + "\"");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static <T> T withStore(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (StorageException e) {
            throw ServiceException.unavailable("the database is unavailable; try again shortly", e);
        }
    }
}
