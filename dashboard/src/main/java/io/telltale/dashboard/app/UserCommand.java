package io.telltale.dashboard.app;

import io.telltale.dashboard.auth.PasswordHasher;
import io.telltale.dashboard.auth.Role;
import io.telltale.dashboard.auth.UserStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code telltale user}: the dashboard's local users (add or change, list, remove). */
@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = {
            "The dashboard's local users, kept in DATA/users.json with Argon2id password hashes. 'add' reads the password "
                    + "from the first line of standard input (at least 12 characters), so it never shows in a process list "
                    + "or a shell history: echo \"$PASSWORD\" | telltale user add alice --role analyst --data-dir /var/lib/telltale"
        },
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class, UserCommand.Token.class,
            CommandLine.HelpCommand.class})
public final class UserCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: add, list or remove");
    }

    /** What every user subcommand has: where the users are, and its command line for output and errors. */
    abstract static class UserSubcommand implements Callable<Integer> {
        @CommandLine.Mixin
        Store store = new Store();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
    }

    /** Where the users are. */
    static final class Store {
        @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "the appliance's data directory")
        Path dataDir;

        UserStore open() {
            return new UserStore(dataDir, new PasswordHasher());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "add a user, or give an existing one a new role and password (password: first line of stdin)")
    static final class Add extends UserSubcommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, analyst (triage, export) or admin (policy, users)")
        String role;

        @Override
        public Integer call() throws IOException {
            Role r;
            try {
                r = Role.parse(role);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--role: " + e.getMessage());
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no password on standard input");
            }
            char[] password = line.toCharArray();
            try {
                UserStore users = store.open();
                boolean existed = users.find(name).isPresent();
                users.put(name, r, password);
                spec.commandLine().getOut().println((existed ? "changed " : "added ") + name + " (" + r.text() + ") in " + users.file());
                return ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "the users and their roles")
    static final class ListUsers extends UserSubcommand {
        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            for (UserStore.User u : store.open().users()) {
                out.printf("%-24s %-8s since %s%n", u.name(), u.role(), u.created());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "make an API token for a user's scripts (Authorization: Bearer TOKEN); shown once, kept only hashed")
    static final class Token extends UserSubcommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            try {
                spec.commandLine().getOut().println(store.open().newToken(name));
                return ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("telltale user: " + e.getMessage());
                return ExitCodes.INPUT_DAMAGED;
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "remove a user")
    static final class Remove extends UserSubcommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            if (!store.open().remove(name)) {
                spec.commandLine().getErr().println("telltale user: no user " + name);
                return ExitCodes.INPUT_DAMAGED;
            }
            spec.commandLine().getOut().println("removed " + name);
            return ExitCodes.OK;
        }
    }
}
