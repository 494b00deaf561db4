package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"landwatch/auth"
	"landwatch/land"
	"landwatch/sql"
)

const userUsage = `usage: landwatch user <subcommand>

  add NAME --role ROLE --region CODE [--password-stdin]
  passwd NAME [--password-stdin]
  disable NAME
  enable NAME
  list [--region CODE]
  token NAME --label LABEL
  revoke TOKEN-ID

Without --password-stdin, add and passwd generate a password and print it
once. With it they read the password from the first line of standard input.
Exit status: 0 done; 1 refused by the register (the name is taken, no such
account or token); 2 a wrong command line (a flag, a role, a region, a name
or a password) or the database could not be used.
`

// userCmd is `landwatch user …`: accounts and bearer tokens managed from the
// server's shell. The acting user is the operating-system account, as an
// admin of the whole nation, so the audit log says who did it.
func userCmd(ctx context.Context, cfg config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, userUsage)
		return &exitError{code: 2}
	}
	cmds := map[string]func(context.Context, config, []string, io.Reader, io.Writer, io.Writer) error{
		"add": userAdd, "passwd": userPasswd, "disable": userDisable, "enable": userEnable,
		"list": userList, "token": userToken, "revoke": userRevoke,
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, userUsage)
		return nil
	}
	sub, ok := cmds[args[0]]
	if !ok {
		fmt.Fprint(stderr, userUsage)
		return &exitError{code: 2, err: fmt.Errorf("user: unknown subcommand %q", args[0])}
	}
	return sub(ctx, cfg, args[1:], stdin, stdout, stderr)
}

// cliAdmin is who acts for the audit log when accounts are managed from
// the command line: whoever has the server's shell and its DATABASE_URL.
func cliAdmin() land.Scope {
	return land.UserScope(land.User{Name: "cli:" + whoAmI(), Role: land.RoleAdmin, Region: land.NationCode}, "")
}

func userAdd(ctx context.Context, cfg config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	role := fs.String("role", "", "the account's role: "+roleList())
	region := fs.String("region", "", "the 6-digit code of the region whose subtree it sees (000000 for the nation)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input instead of generating one")
	name, err := parseWithName(fs, args)
	if err != nil {
		return err
	}
	switch {
	case *role == "":
		return &exitError{code: 2, err: fmt.Errorf("user add: --role: required, one of %s", roleList())}
	case !land.Role(*role).Valid():
		return &exitError{code: 2, err: fmt.Errorf("user add: --role: %q is not a role (%s)", *role, roleList())}
	case *region == "":
		return &exitError{code: 2, err: fmt.Errorf("user add: --region: required, a 6-digit region code such as 130626 (000000 for the nation)")}
	}
	password, generated, err := newPassword(*fromStdin, stdin)
	if err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return refused("user add", name, err)
	}
	svc, err := openService(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer svc.Close()
	a, err := svc.CreateAccount(ctx, cliAdmin(), land.User{Name: name, Role: land.Role(*role), Region: *region}, hash)
	if err != nil {
		return refused("user add", name, err)
	}
	fmt.Fprintf(stdout, "added %s: %s of region %s\n", a.Name, a.Role, a.Region)
	if generated {
		printPassword(stdout, a.Name, password)
	}
	return nil
}

func userPasswd(ctx context.Context, cfg config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user passwd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input instead of generating one")
	name, err := parseWithName(fs, args)
	if err != nil {
		return err
	}
	password, generated, err := newPassword(*fromStdin, stdin)
	if err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return refused("user passwd", name, err)
	}
	svc, err := openService(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer svc.Close()
	if _, err := svc.ChangeAccount(ctx, cliAdmin(), name, sql.AccountChange{PasswordHash: &hash}); err != nil {
		return refused("user passwd", name, err)
	}
	fmt.Fprintf(stdout, "changed the password of %s; its sessions have ended\n", name)
	if generated {
		printPassword(stdout, name, password)
	}
	return nil
}

func userDisable(ctx context.Context, cfg config, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	return setDisabled(ctx, cfg, "disable", args, true, stdout, stderr)
}

func userEnable(ctx context.Context, cfg config, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	return setDisabled(ctx, cfg, "enable", args, false, stdout, stderr)
}

// setDisabled disables or enables an account. Disabling ends its sessions
// and revokes its tokens (sql.Store.ChangeAccount); enabling brings back
// neither.
func setDisabled(ctx context.Context, cfg config, verb string, args []string, disabled bool, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user "+verb, flag.ContinueOnError)
	fs.SetOutput(stderr)
	name, err := parseWithName(fs, args)
	if err != nil {
		return err
	}
	svc, err := openService(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer svc.Close()
	if _, err := svc.ChangeAccount(ctx, cliAdmin(), name, sql.AccountChange{Disabled: &disabled}); err != nil {
		return refused("user "+verb, name, err)
	}
	if disabled {
		fmt.Fprintf(stdout, "disabled %s: its sessions have ended and its tokens are revoked\n", name)
	} else {
		fmt.Fprintf(stdout, "enabled %s\n", name)
	}
	return nil
}

func userList(ctx context.Context, cfg config, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	region := fs.String("region", land.NationCode, "list the accounts of this region's subtree only")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	if fs.NArg() > 0 {
		return &exitError{code: 2, err: fmt.Errorf("user list takes no arguments besides --region")}
	}
	if len(*region) != 6 || strings.Trim(*region, "0123456789") != "" {
		return &exitError{code: 2, err: fmt.Errorf("user list: --region: %q is not a 6-digit region code such as 130626 (000000 for the nation)", *region)}
	}
	svc, err := openService(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer svc.Close()
	accounts, err := svc.Accounts(ctx, cliAdmin(), *region)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tROLE\tREGION\tSTATUS\tCREATED")
	for _, a := range accounts {
		status := "enabled"
		if a.Disabled {
			status = "disabled"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.Name, a.Role, a.Region, status, a.CreatedAt.Local().Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}

func userToken(ctx context.Context, cfg config, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user token", flag.ContinueOnError)
	fs.SetOutput(stderr)
	label := fs.String("label", "", "what the token is for (a script, a GIS client …), shown when tokens are listed")
	name, err := parseWithName(fs, args)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*label) == "" {
		return &exitError{code: 2, err: fmt.Errorf("user token: --label: required, what the token is for (such as \"qgis on the planning desk\")")}
	}
	svc, err := openService(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer svc.Close()
	secret := auth.NewSecret()
	t, err := svc.CreateToken(ctx, cliAdmin(), name, *label, auth.HashSecret(secret))
	if err != nil {
		return refused("user token", name, err)
	}
	fmt.Fprintf(stdout, "token %d for %s (%s): %s\n", t.ID, t.Account, t.Name, secret)
	fmt.Fprintf(stdout, "(shown once; send it as the header \"Authorization: Bearer …\"; revoke it with: landwatch user revoke %d)\n", t.ID)
	return nil
}

func userRevoke(ctx context.Context, cfg config, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		return &exitError{code: 2, err: fmt.Errorf("user revoke: name one TOKEN-ID")}
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil || id <= 0 {
		return &exitError{code: 2, err: fmt.Errorf("user revoke: TOKEN-ID: %q is not a token id such as 17", args[0])}
	}
	svc, err := openService(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer svc.Close()
	if err := svc.RevokeToken(ctx, cliAdmin(), id); err != nil {
		if land.ErrorCode(err) == land.CodeNotFound {
			return &exitError{code: 1, err: fmt.Errorf("user revoke: TOKEN-ID: there is no token %d", id)}
		}
		return err
	}
	fmt.Fprintf(stdout, "revoked token %d\n", id)
	return nil
}

// parseWithName parses flags that may come before or after the one NAME
// argument (`user add wang --role clerk` reads as well as `user add --role
// clerk wang`), which the flag package alone stops at.
func parseWithName(fs *flag.FlagSet, args []string) (string, error) {
	var names []string
	for {
		if err := fs.Parse(args); err != nil {
			return "", &exitError{code: 2, err: err}
		}
		if fs.NArg() == 0 {
			break
		}
		names, args = append(names, fs.Arg(0)), fs.Args()[1:]
	}
	if len(names) != 1 {
		return "", &exitError{code: 2, err: fmt.Errorf("%s: name one account (NAME), not %d", fs.Name(), len(names))}
	}
	return names[0], nil
}

// newPassword reads the password from the first line of stdin when asked
// to, and generates one otherwise (generated is then true).
func newPassword(fromStdin bool, stdin io.Reader) (password string, generated bool, err error) {
	if !fromStdin {
		return auth.GeneratePassword(), true, nil
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 1024)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", false, &exitError{code: 2, err: fmt.Errorf("--password-stdin: %w", err)}
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", false, &exitError{code: 2, err: fmt.Errorf("--password-stdin: standard input holds no password (one line expected)")}
	}
	return line, false, nil
}

func printPassword(w io.Writer, name, password string) {
	fmt.Fprintf(w, "password for %s: %s  (shown once; change it after signing in)\n", name, password)
}

// refused turns a refusal of the store into an exit status, its field
// named as the command line spells it (--role, --region, NAME): 2 for
// invalid input, like a bad flag; 1 for what the register refuses (a taken
// name, an unknown account). Anything else is a failure to run (exit 2).
func refused(cmd, name string, err error) error {
	var le *land.Error
	if !errors.As(err, &le) || le.Code == land.CodeInternal {
		return err
	}
	msg := le.Message
	switch field := le.Field; {
	case field == "role":
		msg = "--role: " + msg
	case field == "region_code":
		msg = "--region: " + msg
	case field == "password":
		msg = "--password-stdin: the password needs " + msg
	case field == "name" || field == "account":
		msg = "NAME: " + msg
	case strings.HasPrefix(field, "name."):
		// The database's check of the name, whose rule is in 0012_accounts.sql.
		msg = fmt.Sprintf("NAME: %q is not an account name: 2 to 63 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit", name)
	case field != "":
		msg = field + ": " + msg
	}
	code := 1
	if le.Code == land.CodeInvalid {
		code = 2
	}
	return &exitError{code: code, err: fmt.Errorf("%s %s: %s", cmd, name, msg)}
}

func roleList() string {
	var s []string
	for _, r := range land.Roles() {
		s = append(s, string(r))
	}
	return strings.Join(s, ", ")
}
