package dev.cftokens.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailureAdviceTest {
    @Test
    void aPreparedStatementOfAnotherClientNamesTransactionPoolingAndWhatToChange() {
        // What PgJDBC meets behind PgBouncer in transaction mode once two clients used one server session.
        SQLException exists = new SQLException("ERROR: prepared statement \"S_1\" already exists", "42P05");
        SQLException missing = new SQLException("ERROR: prepared statement \"S_2\" does not exist", "26000");
        for (SQLException failure : new SQLException[] {exists, missing}) {
            assertThat(FailureAdvice.of(failure, "CFTOKENS_STATE"))
                    .contains("PgBouncer pool_mode = transaction")
                    .contains("pool_mode = session for the state's database entry");
        }
    }
}
