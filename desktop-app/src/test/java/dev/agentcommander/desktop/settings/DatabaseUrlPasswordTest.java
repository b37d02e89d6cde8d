package dev.agentcommander.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseUrlPasswordTest {
    @Test
    void aUserInfoPassword_isTakenOut_andPutBackWhereItWas() {
        DatabaseUrlPassword split = DatabaseUrlPassword.of("postgres://ann:s3cret@db.example.com:5432/team");

        assertThat(split).isEqualTo(new DatabaseUrlPassword("postgres://ann@db.example.com:5432/team", "s3cret"));
        assertThat(split.joined()).isEqualTo("postgres://ann:s3cret@db.example.com:5432/team");
    }

    @Test
    void aPasswordParameter_isTakenOut_wherever_itStands() {
        assertThat(DatabaseUrlPassword.of("jdbc:postgresql://db:5432/team?user=ann&password=s3cret&ssl=true"))
                .isEqualTo(new DatabaseUrlPassword("jdbc:postgresql://db:5432/team?user=ann&ssl=true", "s3cret"));
        assertThat(DatabaseUrlPassword.of("jdbc:postgresql://db/team?password=s3cret&user=ann"))
                .isEqualTo(new DatabaseUrlPassword("jdbc:postgresql://db/team?user=ann", "s3cret"));
        assertThat(DatabaseUrlPassword.of("jdbc:postgresql://db/team?PASSWORD=s3cret"))
                .isEqualTo(new DatabaseUrlPassword("jdbc:postgresql://db/team", "s3cret"));
        assertThat(new DatabaseUrlPassword("jdbc:postgresql://db/team?user=ann", "s3cret").joined())
                .isEqualTo("jdbc:postgresql://db/team?user=ann&password=s3cret");
    }

    @Test
    void specialCharacters_areEncodedInTheUrl_andPlainInTheField() {
        DatabaseUrlPassword typed = new DatabaseUrlPassword("postgres://ann@db/team", "p@ss:w/rd &more");

        assertThat(typed.joined()).isEqualTo("postgres://ann:p%40ss%3Aw%2Frd+%26more@db/team");
        assertThat(DatabaseUrlPassword.of(typed.joined())).isEqualTo(typed);
    }

    @Test
    void aUrlWithoutPassword_staysAsItIs() {
        assertThat(DatabaseUrlPassword.of("postgres://ann@db/team"))
                .isEqualTo(new DatabaseUrlPassword("postgres://ann@db/team", null));
        assertThat(new DatabaseUrlPassword("postgres://ann@db/team", "").joined()).isEqualTo("postgres://ann@db/team");
    }
}
