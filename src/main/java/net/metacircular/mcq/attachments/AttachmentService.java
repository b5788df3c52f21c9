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
 * a name with at most four folders ({@link FileNames}), a type read from the bytes
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
     * Stores a new version of a file of a document: the current revision and
     * later ones show it, older revisions keep showing the version they had.
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
                    + " bytes of files (every version a kept revision shows counts); with " + bytes.length
                    + " more it would exceed its limit of "
                    + rules.maxTotalBytesPerDocument() + " bytes (delete files it no longer needs)");
        }
    }

    /** The document's files, by name, in their latest versions (what the current revision shows). */
    public List<Attachment> list(Caller caller, String slug) {
        return list(caller, slug, null);
    }

    /**
     * The document's files, by name, in the versions {@code revision} shows.
     *
     * @param revision a kept revision, or null for the current one
     */
    public List<Attachment> list(Caller caller, String slug, Long revision) {
        DocumentRules.checkSlug(slug);
        return withStore(() -> inRevision(slug, revision, () -> store.list(slug, revision)))
                .orElseThrow(() -> noSuchDocument(slug));
    }

    /** One file with its bytes, in its latest version (what the current revision shows). */
    public AttachmentContent get(Caller caller, String slug, String name) {
        return get(caller, slug, name, null);
    }

    /**
     * One file with its bytes, in the version {@code revision} shows: the
     * latest version uploaded before the revision after it was pushed.
     *
     * @param revision a kept revision, or null for the current one
     */
    public AttachmentContent get(Caller caller, String slug, String name, Long revision) {
        DocumentRules.checkSlug(slug);
        FileNames.check(name);
        return withStore(() -> inRevision(slug, revision, () -> store.get(slug, name, revision)))
                .orElseThrow(() -> revision == null ? noSuchFile(slug, name)
                        : ServiceException.notFound("revision " + revision + " of document \"" + slug
                        + "\" has no file \"" + name + "\""));
    }

    /** Deletes a file: all its versions, so no revision shows it any more. */
    public void delete(Caller caller, String slug, String name) {
        DocumentRules.checkSlug(slug);
        FileNames.check(name);
        if (!withStore(() -> store.delete(slug, name))) {
            throw noSuchFile(slug, name);
        }
    }

    /**
     * Drops the file versions no kept revision of {@code slug} shows any more;
     * called after each push that stored a revision.
     */
    public void documentChanged(String slug) {
        try {
            store.sweep(slug);
        } catch (StorageException e) {
            // The next upload sweeps again; a push that succeeded must not fail for this.
        }
    }

    private static <T> T inRevision(String slug, Long revision, Supplier<T> read) {
        if (revision != null && revision < 1) {
            throw ServiceException.invalid("a revision is a number from 1");
        }
        try {
            return read.get();
        } catch (AttachmentStore.NoSuchRevision e) {
            throw ServiceException.notFound("document \"" + slug + "\" keeps no revision " + e.revision());
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
