package net.metacircular.mcq.testing;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Real image files for attachment tests, drawn with the JDK's image encoders. */
public final class TestImages {

    /**
     * An SVG that tries every way to run script: a script element, an
     * {@code onload} handler, a {@code javascript:} link and a foreign
     * object with an HTML event handler. Each would set
     * {@code window.__scriptRan} (or call the page's trap) if it ran.
     */
    public static final String HOSTILE_SVG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
                 width="120" height="40" onload="window.__scriptRan = 'onload'; top.__scriptRan = 'onload'">
              <script>window.__scriptRan = 'script'; try { top.__scriptRan = 'script'; } catch (e) {}</script>
              <a xlink:href="javascript:window.__scriptRan = 'link'" href="javascript:window.__scriptRan = 'link'">
                <rect id="target" width="120" height="40" fill="#3a7"/>
              </a>
              <foreignObject width="10" height="10">
                <img xmlns="http://www.w3.org/1999/xhtml" src="x" onerror="window.__scriptRan = 'onerror'"/>
              </foreignObject>
            </svg>
            """;

    private TestImages() {
    }

    public static byte[] png(Color color) {
        return encode("png", color, BufferedImage.TYPE_INT_ARGB);
    }

    public static byte[] jpeg() {
        return encode("jpg", Color.ORANGE, BufferedImage.TYPE_INT_RGB);
    }

    public static byte[] gif() {
        return encode("gif", Color.BLUE, BufferedImage.TYPE_INT_RGB);
    }

    /** A PNG padded with trailing bytes (which decoders ignore) to exactly {@code size} bytes. */
    public static byte[] pngOfSize(int size) {
        byte[] png = png(Color.GREEN);
        if (size < png.length) {
            throw new IllegalArgumentException("a PNG needs at least " + png.length + " bytes");
        }
        return Arrays.copyOf(png, size);
    }

    public static byte[] hostileSvg() {
        return HOSTILE_SVG.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encode(String format, Color color, int imageType) {
        BufferedImage image = new BufferedImage(24, 16, imageType);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 24, 16);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " encoder in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
