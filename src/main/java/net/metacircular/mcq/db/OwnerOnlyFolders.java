package net.metacircular.mcq.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates the data and backup folders with mode 0700, as the docs promise:
 * documents may be private. The mode is given at creation, so there is no
 * moment when a folder is readable by others; folders that already exist keep
 * the mode the operator gave them.
 */
public final class OwnerOnlyFolders {

    static final FileAttribute<Set<PosixFilePermission>> MODE_0700 =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private OwnerOnlyFolders() {
    }

    /** Like {@link Files#createDirectories}, with every folder it creates 0700. */
    public static void create(Path folder) throws IOException {
        try {
            Files.createDirectories(folder, MODE_0700);
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("the data folder needs a POSIX file system for owner-only permissions", e);
        }
    }
}
