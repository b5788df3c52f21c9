package net.metacircular.mcq.attachments;

import net.metacircular.mcq.ServiceException;

/**
 * The sizes an attachment is checked against ({@code [limits] max_file_bytes}
 * and {@code max_files_bytes_per_document}).
 */
public record AttachmentRules(long maxFileBytes, long maxTotalBytesPerDocument) {

    void checkSize(long size) {
        if (size == 0) {
            throw ServiceException.invalid("the file is empty");
        }
        if (size > maxFileBytes) {
            throw tooLarge("the file has " + size + " bytes; the limit is " + maxFileBytes + " bytes");
        }
    }

    static ServiceException tooLarge(String message) {
        return new ServiceException(ServiceException.Kind.TOO_LARGE, message);
    }
}
