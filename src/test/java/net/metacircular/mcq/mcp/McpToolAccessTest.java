package net.metacircular.mcq.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import net.metacircular.mcq.ServiceException;
import net.metacircular.mcq.auth.Caller;
import net.metacircular.mcq.http.Access;
import net.metacircular.mcq.http.AccessTable;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every MCP tool has an access rule, and the rule is applied before the tool runs. */
class McpToolAccessTest {

    private static final Caller ALICE = new Caller("u-1", "alice", "human", List.of(), Instant.MAX);
    private static final Caller ADMIN = new Caller("u-2", "admin", "human", List.of("admin"), Instant.MAX);

    @Test
    void everyToolTheServerOffersIsInTheAccessTableAndNothingElse() {
        Set<String> offered = McqTools.specifications(context -> null).stream()
                .map(AsyncToolSpecification::tool)
                .map(tool -> tool.name())
                .collect(Collectors.toSet());
        assertThat(offered).as("tools offered").isNotEmpty();
        assertThat(McpAccessTable.TOOLS.operations()).as("tools with an access rule")
                .containsExactlyInAnyOrderElementsOf(offered);
    }

    @Test
    void aToolMissingFromTheTableIsRefused() {
        AccessTable<String> empty = AccessTable.<String>builder().build();
        assertThatThrownBy(() -> McqTools.admit(empty, McqTools.PUSH_DOCUMENT, operationsOf(ADMIN)))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ServiceException.Kind.PERMISSION_DENIED));
    }

    @Test
    void anAdminToolIsRefusedToOtherAccountsAndAllowedToAdmins() {
        AccessTable<String> adminOnly = AccessTable.<String>builder()
                .add(McqTools.DELETE_DOCUMENT, Access.ADMIN).build();
        assertThatThrownBy(() -> McqTools.admit(adminOnly, McqTools.DELETE_DOCUMENT, operationsOf(ALICE)))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ServiceException.Kind.PERMISSION_DENIED));
        assertThatCode(() -> McqTools.admit(adminOnly, McqTools.DELETE_DOCUMENT, operationsOf(ADMIN)))
                .doesNotThrowAnyException();
    }

    private static DocumentOperations operationsOf(Caller caller) {
        // The service is not reached: admission happens before any operation.
        return new ServiceDocumentOperations(null, null, null, null, caller);
    }
}
