package net.metacircular.mcq.attachments;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a file really is, read from its bytes: the magic numbers of PNG,
 * JPEG, GIF and WebP, and for SVG a well-formed XML document whose root is
 * an {@code svg} element. A client's name or declared type is never
 * believed on its own: the browser is told the type found here, so a file
 * cannot be served as something it is not.
 */
public final class FileSniffer {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] GIF87 = "GIF87a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GIF89 = "GIF89a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP = "WEBP".getBytes(StandardCharsets.US_ASCII);

    private FileSniffer() {
    }

    /** The type of {@code bytes}, or empty when they are none of the images MCQ takes. */
    public static Optional<FileType> sniff(byte[] bytes) {
        if (startsWith(bytes, 0, PNG)) {
            return Optional.of(FileType.PNG);
        }
        if (startsWith(bytes, 0, JPEG)) {
            return Optional.of(FileType.JPEG);
        }
        if (startsWith(bytes, 0, GIF87) || startsWith(bytes, 0, GIF89)) {
            return Optional.of(FileType.GIF);
        }
        if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP)) {
            return Optional.of(FileType.WEBP);
        }
        return isSvg(bytes) ? Optional.of(FileType.SVG) : Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        return bytes.length >= at + prefix.length
                && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
    }

    /**
     * A whole, well-formed XML document whose root element is {@code svg}.
     * A document type declaration is refused: no DTD, no entities, nothing
     * fetched from anywhere.
     */
    private static boolean isSvg(byte[] bytes) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
            boolean rootSeen = false;
            boolean rootIsSvg = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    return false;
                }
                if (event == XMLStreamConstants.START_ELEMENT && !rootSeen) {
                    rootSeen = true;
                    rootIsSvg = reader.getLocalName().equals("svg");
                    if (!rootIsSvg) {
                        return false;
                    }
                }
            }
            return rootIsSvg;
        } catch (XMLStreamException | RuntimeException e) {
            return false;
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Nothing was opened that needs closing.
                }
            }
        }
    }
}
