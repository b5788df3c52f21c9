package net.metacircular.mcq.db;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import net.metacircular.mcq.documents.BodyHash;
import org.flywaydb.core.api.migration.Context;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the SHA-256 of the revisions V002 made from Part I documents: SQLite
 * has no SHA-256 function, so this one migration is Java. Its name is how
 * Flyway reads its version and description.
 */
final class V003__RevisionHashes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        record Row(long documentId, long revision, String sha256) {
        }
        List<Row> rows = new ArrayList<>();
        try (Statement select = context.getConnection().createStatement();
             ResultSet rs = select.executeQuery(
                     "SELECT document_id, revision, body FROM revisions WHERE body_sha256 = ''")) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getLong(2), BodyHash.of(rs.getString(3))));
            }
        }
        try (PreparedStatement update = context.getConnection().prepareStatement(
                "UPDATE revisions SET body_sha256 = ? WHERE document_id = ? AND revision = ?")) {
            for (Row row : rows) {
                update.setString(1, row.sha256());
                update.setLong(2, row.documentId());
                update.setLong(3, row.revision());
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
