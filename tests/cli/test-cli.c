/* test-cli.c: the built epure-cli, run as users run it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

typedef struct
{
  int status;
  GBytes *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_bytes_unref);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static const char *
cli_path (void)
{
  const char *path = g_getenv ("EPURE_CLI");
  g_assert_nonnull (path);
  return path;
}

/* Runs epure-cli with @args (NULL-terminated), feeding it @input, with the
 * extra environment @env ("NAME=VALUE" strings, may be NULL). */
static void
run_full (Run                *run,
          const char * const *args,
          GBytes             *input,
          const char * const *env,
          const char         *cwd)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) err = NULL;
  gsize len;

  g_autofree char *input_path = NULL;
  int fd;

  /* The input comes from a file, not a pipe: epure-cli may exit before
   * reading it (a usage error), which must not break our side.  Pipes are
   * tested by test_cli_pipeline. */
  fd = g_file_open_tmp ("epure-cli-input-XXXXXX", &input_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (input_path, input ? g_bytes_get_data (input, NULL) : "",
                       input ? g_bytes_get_size (input) : 0, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, input_path);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);

  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &run->out, &err, &error);
  g_assert_no_error (error);
  g_unlink (input_path);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  run->err = g_strndup (g_bytes_get_size (err) ? g_bytes_get_data (err, &len) : "", g_bytes_get_size (err));
}

static void
run_cli (Run                *run,
         const char * const *args,
         const char         *input)
{
  g_autoptr(GBytes) bytes = input ? g_bytes_new (input, strlen (input)) : g_bytes_new (NULL, 0);
  run_full (run, args, bytes, NULL, NULL);
}

/* Runs epure-cli, which must fail (exit status 2) saying @message. */
static void
assert_cli_error (const char * const *args,
                  GBytes             *input,
                  const char * const *env,
                  const char         *message)
{
  g_auto(Run) run = { 0 };

  run_full (&run, args, input, env, NULL);
  g_assert_cmpint (run.status, ==, 2);
  if (strstr (run.err, message) == NULL)
    g_error ("“%s” not in epure-cli's error: %s", message, run.err);
}

static const char *
out_str (Run *run)
{
  /* communicate() output is not NUL-terminated: keep a terminated copy. */
  gsize len;
  const char *data = g_bytes_get_data (run->out, &len);
  char *copy = g_strndup (data ? data : "", len);

  g_bytes_unref (run->out);
  run->out = g_bytes_new_take (copy, len);
  return copy;
}

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("EPURE_TEST_FIXTURES"), name, NULL);
}

/* A private directory, removed with its files at the end of the test. */
static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("epure-cli-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tmpdir (char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        g_rmdir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

typedef char TmpDir;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmpDir, remove_tmpdir)

static char *
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* Runs pandoc with @argv (after "pandoc"); returns its standard output. */
static char *
run_pandoc (const char *pandoc,
            const char * const *argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = -1;

  g_ptr_array_add (args, (gpointer) pandoc);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  g_spawn_sync (NULL, (char **) args->pdata, NULL, 0, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
assert_bytes (GBytes     *bytes,
              const char *expected,
              gssize      expected_len)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (expected_len < 0)
    expected_len = strlen (expected);
  g_assert_cmpmem (data, len, expected, expected_len);
}

static JsonNode *
parse_json (Run *run)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (run->out, &len);

  json_parser_load_from_data (parser, data, len, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
has_checker (const char *id)
{
  g_auto(Run) run = { 0 };
  const char *args[] = { "list-checkers", NULL };
  g_autofree char *needle = g_strdup_printf ("\n%s ", id);
  g_autofree char *listing = NULL;

  run_cli (&run, args, NULL);
  g_assert_cmpint (run.status, ==, 0);
  listing = g_strconcat ("\n", out_str (&run), NULL);
  return strstr (listing, needle) != NULL;
}

/* --version, --help, unknown commands. */
static void
test_cli_usage (void)
{
  g_auto(Run) version = { 0 }, help = { 0 }, check_help = { 0 }, unknown = { 0 }, none = { 0 };
  const char *version_args[] = { "--version", NULL };
  const char *help_args[] = { "--help", NULL };
  const char *check_help_args[] = { "check", "--help", NULL };
  const char *unknown_args[] = { "polish", NULL };
  const char *none_args[] = { NULL };

  run_cli (&version, version_args, NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (out_str (&version), ==, "epure-cli " PACKAGE_VERSION "\n");

  run_cli (&help, help_args, NULL);
  g_assert_cmpint (help.status, ==, 0);
  for (const char *const *c = (const char *[]) { "check", "clean", "convert", "list-checkers", NULL }; *c; c++)
    g_assert_nonnull (strstr (out_str (&help), *c));

  run_cli (&check_help, check_help_args, NULL);
  g_assert_cmpint (check_help.status, ==, 0);
  g_assert_nonnull (strstr (out_str (&check_help), "--format"));
  g_assert_nonnull (strstr (out_str (&check_help), "--checkers"));
  g_assert_nonnull (strstr (out_str (&check_help), "--spaces"));
  g_assert_nonnull (strstr (out_str (&check_help), "--from"));
  g_assert_nonnull (strstr (out_str (&check_help), "epure-cli check [OPTION"));

  run_cli (&unknown, unknown_args, NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "polish"));

  run_cli (&none, none_args, NULL);
  g_assert_cmpint (none.status, ==, 2);
}

/* Exit 0 when nothing is found, 1 when something is, 2 on errors. */
static void
test_cli_exit_codes (void)
{
  g_autofree char *clean = fixture ("propre.txt");
  g_autofree char *dirty = fixture ("espaces.txt");
  g_auto(Run) r0 = { 0 }, r1 = { 0 }, r2 = { 0 }, r3 = { 0 }, r4 = { 0 };
  const char *a0[] = { "check", "--checkers=whitespace,typography", clean, NULL };
  const char *a1[] = { "check", "--checkers=whitespace,typography", dirty, NULL };
  const char *a2[] = { "check", "--checkers=whitespace,typography", "--format=xml", clean, NULL };
  const char *a3[] = { "check", "--checkers=whitespace,nosuch", clean, NULL };
  const char *a4[] = { "check", "--checkers=whitespace,typography", clean, dirty, NULL };

  run_cli (&r0, a0, NULL);
  g_assert_cmpint (r0.status, ==, 0);
  g_assert_cmpstr (out_str (&r0), ==, "");
  g_assert_cmpstr (r0.err, ==, "");

  run_cli (&r1, a1, NULL);
  g_assert_cmpint (r1.status, ==, 1);
  g_assert_true (g_str_has_prefix (out_str (&r1), dirty));
  g_assert_nonnull (strstr (out_str (&r1), ":1:16: "));
  g_assert_nonnull (strstr (out_str (&r1), "[typography.double-space]"));

  run_cli (&r2, a2, NULL);
  g_assert_cmpint (r2.status, ==, 2);
  g_assert_nonnull (strstr (r2.err, "xml"));

  run_cli (&r3, a3, NULL);
  g_assert_cmpint (r3.status, ==, 2);
  g_assert_nonnull (strstr (r3.err, "nosuch"));
  g_assert_nonnull (strstr (r3.err, "whitespace"));

  /* One file with findings among several is enough for 1. */
  run_cli (&r4, a4, NULL);
  g_assert_cmpint (r4.status, ==, 1);
}

static void
assert_finding (JsonObject *f,
                const char *rule,
                gint64      start,
                gint64      end,
                gint64      line,
                gint64      column)
{
  g_assert_cmpstr (json_object_get_string_member (f, "rule"), ==, rule);
  g_assert_cmpint (json_object_get_int_member (f, "start"), ==, start);
  g_assert_cmpint (json_object_get_int_member (f, "end"), ==, end);
  g_assert_cmpint (json_object_get_int_member (f, "line"), ==, line);
  g_assert_cmpint (json_object_get_int_member (f, "column"), ==, column);
}

/* The JSON report: shape, and offsets in code points on multibyte text
 * (É, ’, é are 2 or 3 bytes, 🙂 is 4 bytes and one code point). */
static void
test_cli_json (void)
{
  g_autofree char *dirty = fixture ("espaces.txt");
  g_autofree char *clean = fixture ("propre.txt");
  g_auto(Run) run = { 0 };
  const char *args[] = { "check", "--format=json", "--checkers=whitespace,typography", dirty, clean, NULL };
  const char *keys[] = { "checker", "rule", "category", "start", "end", "line", "column", "message", "replacements" };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *files, *findings;
  JsonObject *first;

  run_cli (&run, args, NULL);
  g_assert_cmpint (run.status, ==, 1);
  root = parse_json (&run);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  files = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (files), ==, 2);

  first = json_array_get_object_element (files, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "file"), ==, dirty);
  findings = json_object_get_array_member (first, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 4);

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (f, keys[k]));
      g_assert_cmpstr (json_object_get_string_member (f, "checker"), ==,
                       g_str_has_prefix (json_object_get_string_member (f, "rule"), "typography.") ? "typography" : "whitespace");
      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (f, "replacements")));
      g_assert_cmpint (json_object_get_int_member (f, "line"), >=, 1);
      g_assert_cmpint (json_object_get_int_member (f, "column"), >=, 1);
    }

  /* "Élève à l’école  été 🙂  fin.\nDeuxième ligne   ici. \n" */
  assert_finding (json_array_get_object_element (findings, 0), "typography.double-space", 15, 17, 1, 16);
  assert_finding (json_array_get_object_element (findings, 1), "typography.double-space", 22, 24, 1, 23);
  assert_finding (json_array_get_object_element (findings, 2), "typography.double-space", 43, 46, 2, 15);
  assert_finding (json_array_get_object_element (findings, 3), "whitespace.trailing-space", 50, 51, 2, 22);
  g_assert_cmpstr (json_array_get_string_element (
    json_object_get_array_member (json_array_get_object_element (findings, 0), "replacements"), 0), ==, " ");

  /* The clean file is reported too, with no findings. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (files, 1), "file"), ==, clean);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (files, 1), "findings")), ==, 0);
}

/* The code points reported index the text as Python would. */
static void
test_cli_json_code_points (void)
{
  const char *text = "«\u00a0Ça  va\u00a0» dit-il. 日本語  ok\n";
  g_auto(Run) run = { 0 };
  const char *args[] = { "check", "-f", "json", "-c", "whitespace,typography", "-", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *findings;

  run_cli (&run, args, text);
  g_assert_cmpint (run.status, ==, 1);
  root = parse_json (&run);
  findings = json_object_get_array_member (json_array_get_object_element (json_node_get_array (root), 0), "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      gint64 start = json_object_get_int_member (f, "start");
      const char *at = g_utf8_offset_to_pointer (text, start);

      g_assert_true (g_str_has_prefix (at, "  "));
      g_assert_cmpint (json_object_get_int_member (f, "end"), ==, start + 2);
      g_assert_cmpint (json_object_get_int_member (f, "column"), ==, start + 1);
    }
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (findings, 0), "start"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (findings, 1), "start"), ==, 22);
}

/* "-" and no FILE both read the standard input. */
static void
test_cli_stdin (void)
{
  g_auto(Run) dash = { 0 }, bare = { 0 }, text = { 0 };
  const char *dash_args[] = { "check", "--format=json", "--checkers=whitespace,typography", "-", NULL };
  const char *bare_args[] = { "check", "--format=json", "--checkers=whitespace,typography", NULL };
  const char *text_args[] = { "check", "--checkers=whitespace,typography", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *file;

  run_cli (&dash, dash_args, "Un  deux\n");
  g_assert_cmpint (dash.status, ==, 1);
  root = parse_json (&dash);
  file = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (file, "file"), ==, "-");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (file, "findings")), ==, 1);

  run_cli (&bare, bare_args, "Un deux\n");
  g_assert_cmpint (bare.status, ==, 0);

  run_cli (&text, text_args, "Un  deux\n");
  g_assert_cmpint (text.status, ==, 1);
  g_assert_true (g_str_has_prefix (out_str (&text), "<stdin>:1:3: "));
}

/* clean | check in a shell pipeline: what clean writes is clean. */
static void
test_cli_pipeline (void)
{
  g_autofree char *dirty = fixture ("espaces.txt");
  g_autofree char *quoted_cli = g_shell_quote (cli_path ());
  g_autofree char *quoted_in = g_shell_quote (dirty);
  g_autofree char *script = g_strdup_printf ("%s clean --checkers=whitespace,typography < %s | %s check --checkers=whitespace,typography -"
                                             " && %s clean -c whitespace,typography - < %s | od -An -c | tr -d ' \\n'",
                                             quoted_cli, quoted_in, quoted_cli, quoted_cli, quoted_in);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                                     "/bin/sh", "-c", script, NULL);
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  /* od's escapes: the cleaned text ends "fin.\nDeuxième ligne ici.\n". */
  g_assert_true (g_str_has_suffix (out, "ligneici.\\n"));
}

/* clean -o OUT writes the fixed bytes, keeps CRLF, and leaves the input. */
static void
test_cli_clean_output (void)
{
  g_autoptr(TmpDir) dir = make_tmpdir ();
  const char input[] = "Ligne  un. \r\nLigne deux\r\n";
  g_autofree char *in = write_file (dir, "entrée.txt", input, -1);
  g_autofree char *out = g_build_filename (dir, "sortie.txt", NULL);
  g_auto(Run) run = { 0 }, to_stdout = { 0 };
  const char *args[] = { "clean", "--checkers=whitespace,typography", "-o", out, in, NULL };
  const char *stdout_args[] = { "clean", "--checkers=whitespace,typography", in, NULL };
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) original = NULL;

  run_cli (&run, args, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (out_str (&run), ==, "");
  written = read_bytes (out);
  assert_bytes (written, "Ligne un.\r\nLigne deux\r\n", -1);
  original = read_bytes (in);
  assert_bytes (original, input, -1);

  run_cli (&to_stdout, stdout_args, NULL);
  g_assert_cmpint (to_stdout.status, ==, 0);
  assert_bytes (to_stdout.out, "Ligne un.\r\nLigne deux\r\n", -1);
}

/* --in-place replaces the file atomically: the bytes change, no temporary
 * file is left behind, and a file with nothing to fix is not rewritten. */
static void
test_cli_clean_in_place (void)
{
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autofree char *path = write_file (dir, "article.txt", "\xEF\xBB\xBFTitre  \n\nCorps  du texte.\n", -1);
  g_autofree char *tidy = write_file (dir, "net.txt", "Rien à faire.\n", -1);
  g_auto(Run) run = { 0 }, again = { 0 }, untouched = { 0 }, both = { 0 }, from_stdin = { 0 };
  const char *args[] = { "clean", "--in-place", "--checkers=whitespace,typography", path, NULL };
  const char *tidy_args[] = { "clean", "-i", "-c", "whitespace,typography", tidy, NULL };
  const char *both_args[] = { "clean", "-i", "-o", tidy, path, NULL };
  const char *stdin_args[] = { "clean", "--in-place", "-", NULL };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDir) d = NULL;
  GStatBuf before, after;
  guint n_files = 0;

  run_cli (&run, args, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (out_str (&run), ==, "");
  bytes = read_bytes (path);
  /* The BOM stays. */
  assert_bytes (bytes, "\xEF\xBB\xBFTitre\n\nCorps du texte.\n", -1);

  /* Idempotent. */
  run_cli (&again, args, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = read_bytes (path);
  assert_bytes (bytes, "\xEF\xBB\xBFTitre\n\nCorps du texte.\n", -1);

  g_assert_cmpint (g_stat (tidy, &before), ==, 0);
  g_usleep (20000);
  run_cli (&untouched, tidy_args, NULL);
  g_assert_cmpint (untouched.status, ==, 0);
  g_assert_cmpint (g_stat (tidy, &after), ==, 0);
  g_assert_cmpint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);

  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 2);

  run_cli (&both, both_args, NULL);
  g_assert_cmpint (both.status, ==, 2);
  run_cli (&from_stdin, stdin_args, "x\n");
  g_assert_cmpint (from_stdin.status, ==, 2);
  g_assert_nonnull (strstr (from_stdin.err, "--in-place"));
}

/* Text that is not UTF-8 is read as a legacy 8-bit encoding, said on
 * stderr, and written back in that encoding. */
static void
test_cli_legacy_encoding (void)
{
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autofree char *path = write_file (dir, "ancien.txt", "Caf\xE9  cr\xE8me \r\n", -1);
  g_autofree char *out = g_build_filename (dir, "neuf.txt", NULL);
  g_auto(Run) check = { 0 }, clean = { 0 };
  const char *check_args[] = { "check", "-c", "whitespace,typography", "-f", "json", path, NULL };
  const char *clean_args[] = { "clean", "-c", "whitespace,typography", "-o", out, path, NULL };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonArray *findings;

  run_cli (&check, check_args, NULL);
  g_assert_cmpint (check.status, ==, 1);
  g_assert_nonnull (strstr (check.err, path));
  /* The detector names a Latin-1 family charset (which one depends on the
   * detector and the text); the bytes written back below are what counts. */
  g_assert_nonnull (strstr (check.err, "UTF-8"));
  g_assert_true (strstr (check.err, "1252") != NULL || strstr (check.err, "8859") != NULL);
  root = parse_json (&check);
  findings = json_object_get_array_member (json_array_get_object_element (json_node_get_array (root), 0), "findings");
  /* "Café  crème " : é is one code point. */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (findings, 0), "start"), ==, 4);

  run_cli (&clean, clean_args, NULL);
  g_assert_cmpint (clean.status, ==, 0);
  bytes = read_bytes (out);
  assert_bytes (bytes, "Caf\xE9 cr\xE8me\r\n", -1);
}

/* A missing file, a folder, a dangling link, a binary file: exit 2 and a
 * message naming the file; the other files are still checked. */
static void
test_cli_bad_inputs (void)
{
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "disparu.txt", NULL);
  g_autofree char *link = g_build_filename (dir, "lien.txt", NULL);
  static const char png_head[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
  g_autofree char *binary = write_file (dir, "image.txt", png_head, sizeof png_head - 1);
  g_autofree char *good = write_file (dir, "bon.txt", "Un  deux\n", -1);
  g_auto(Run) r_missing = { 0 }, r_dir = { 0 }, r_link = { 0 }, r_binary = { 0 }, r_stdin = { 0 }, r_mixed = { 0 };
  const char *a_missing[] = { "check", missing, NULL };
  const char *a_dir[] = { "check", dir, NULL };
  const char *a_link[] = { "check", link, NULL };
  const char *a_binary[] = { "check", binary, NULL };
  const char *a_stdin[] = { "check", "-", NULL };
  const char *a_mixed[] = { "check", "-c", "whitespace,typography", "-f", "json", missing, good, NULL };
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (symlink (missing, link), ==, 0);

  run_cli (&r_missing, a_missing, NULL);
  g_assert_cmpint (r_missing.status, ==, 2);
  g_assert_true (g_str_has_prefix (r_missing.err, "epure-cli: "));
  g_assert_nonnull (strstr (r_missing.err, missing));

  run_cli (&r_dir, a_dir, NULL);
  g_assert_cmpint (r_dir.status, ==, 2);
  g_assert_nonnull (strstr (r_dir.err, dir));

  run_cli (&r_link, a_link, NULL);
  g_assert_cmpint (r_link.status, ==, 2);
  g_assert_nonnull (strstr (r_link.err, link));

  run_cli (&r_binary, a_binary, NULL);
  g_assert_cmpint (r_binary.status, ==, 2);
  g_assert_nonnull (strstr (r_binary.err, binary));
  g_assert_nonnull (strstr (r_binary.err, "binary"));

  run_full (&r_stdin, a_stdin, png, NULL, NULL);
  g_assert_cmpint (r_stdin.status, ==, 2);
  g_assert_nonnull (strstr (r_stdin.err, "<stdin>"));
  g_assert_nonnull (strstr (r_stdin.err, "binary"));

  /* The good file is still reported, and the error still wins. */
  run_cli (&r_mixed, a_mixed, NULL);
  g_assert_cmpint (r_mixed.status, ==, 2);
  root = parse_json (&r_mixed);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (root), 0), "file"),
                   ==, good);
}

/* A file that cannot be read, for users other than root. */
/* A missing file or folder is said plainly (as in the app), not in
 * GIO's words with the path twice; in French too. */
static void
test_cli_missing_paths (void)
{
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "absent.txt", NULL);
  g_autofree char *out = g_build_filename (dir, "absent", "propre.txt", NULL);
  g_autofree char *out_odt = g_build_filename (dir, "absent", "propre.odt", NULL);
  const char *check_args[] = { "check", missing, NULL };
  const char *clean_args[] = { "clean", "-o", out, "-", NULL };
  const char *clean_odt_args[] = { "clean", "-o", out_odt, "-", NULL };
  const char *french[] = { "LANGUAGE=fr", NULL };
  g_autoptr(GBytes) input = g_bytes_new_static ("Texte.\n", 7);

  assert_cli_error (check_args, NULL, NULL, "absent.txt: The file does not exist");
  assert_cli_error (clean_args, input, NULL, "propre.txt: The folder does not exist");
  /* An office file is written to a temporary file first: the same words. */
  assert_cli_error (clean_odt_args, input, NULL, "propre.odt: The folder does not exist");
  assert_cli_error (check_args, NULL, french, "Ce fichier n’existe pas");
}

static void
test_cli_unreadable (void)
{
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autofree char *path = write_file (dir, "secret.txt", "Texte.\n", -1);
  g_auto(Run) run = { 0 };
  const char *args[] = { "check", path, NULL };

  if (geteuid () == 0)
    {
      /* Root reads every file; not this one (offset 0 is never mapped). */
      g_auto(Run) mem = { 0 };
      const char *mem_args[] = { "check", "/proc/self/mem", NULL };

      run_cli (&mem, mem_args, NULL);
      g_assert_cmpint (mem.status, ==, 2);
      g_assert_nonnull (strstr (mem.err, "/proc/self/mem"));
      return;
    }
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  run_cli (&run, args, NULL);
  g_chmod (path, 0600);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, path));
}

static void
test_cli_list_checkers (void)
{
  g_auto(Run) text = { 0 }, json = { 0 };
  const char *text_args[] = { "list-checkers", NULL };
  const char *json_args[] = { "list-checkers", "--format=json", NULL };
  g_autoptr(JsonNode) root = NULL;
  gboolean found = FALSE;
  JsonArray *list;

  run_cli (&text, text_args, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (g_str_has_prefix (out_str (&text), "whitespace ") || strstr (out_str (&text), "\nwhitespace "));

  run_cli (&json, json_args, NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (&json);
  list = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      if (g_str_equal (json_object_get_string_member (o, "id"), "whitespace"))
        {
          found = TRUE;
          g_assert_true (json_object_get_boolean_member (o, "builtin"));
          g_assert_cmpstr (json_object_get_string_member (o, "name"), !=, "");
        }
    }
  g_assert_true (found);
}

static void
test_cli_convert (void)
{
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autofree char *in = write_file (dir, "note.txt", "Titre\r\n\r\nCorps.\r\n", -1);
  g_autofree char *md = g_build_filename (dir, "note.md", NULL);
  g_autofree char *weird = g_build_filename (dir, "note.xyz", NULL);
  g_auto(Run) to_md = { 0 }, to_stdout = { 0 }, bad = { 0 }, missing_out = { 0 };
  const char *md_args[] = { "convert", in, "-o", md, NULL };
  const char *stdout_args[] = { "convert", "--to=txt", "-o", "-", in, NULL };
  const char *bad_args[] = { "convert", in, "-o", weird, NULL };
  const char *missing_args[] = { "convert", in, NULL };
  g_autoptr(GBytes) bytes = NULL;

  run_cli (&to_md, md_args, NULL);
  g_assert_cmpint (to_md.status, ==, 0);
  bytes = read_bytes (md);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "Corps."));

  run_cli (&to_stdout, stdout_args, NULL);
  g_assert_cmpint (to_stdout.status, ==, 0);
  assert_bytes (to_stdout.out, "Titre\r\n\r\nCorps.\r\n", -1);

  run_cli (&bad, bad_args, NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, weird));
  g_assert_false (g_file_test (weird, G_FILE_TEST_EXISTS));

  run_cli (&missing_out, missing_args, NULL);
  g_assert_cmpint (missing_out.status, ==, 2);

  /* --to takes any extension of a format; an error on the standard
   * output does not blame the standard input. */
  {
    g_auto(Run) alias = { 0 }, unknown = { 0 };
    const char *alias_args[] = { "convert", "--to=markdown", "-o", "-", in, NULL };
    const char *unknown_args[] = { "convert", "--to=rtf", "-o", "-", in, NULL };

    run_cli (&alias, alias_args, NULL);
    g_assert_cmpint (alias.status, ==, 0);
    g_assert_nonnull (strstr (out_str (&alias), "Corps."));

    run_cli (&unknown, unknown_args, NULL);
    g_assert_cmpint (unknown.status, ==, 2);
    g_assert_nonnull (strstr (unknown.err, "“rtf”"));
    g_assert_nonnull (strstr (unknown.err, "<stdout>"));
    g_assert_null (strstr (unknown.err, "<stdin>"));
  }
}

/* The probe plugin (tests/cli/probe-plugin) works per paragraph and fails
 * on pieces over EPURE_PROBE_MAX_PIECE bytes. */
static GString *
big_text (guint       paragraphs,
          const char *newline)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < paragraphs; i++)
    g_string_append_printf (s, "Paragraphe %u : teh été à Noël, « déjà » vu.%sDeuxième ligne, teh fin.%s%s",
                            i, newline, newline, newline);
  return s;
}

static char *
replace_all (const char *s,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (s, from, -1);
  return g_strjoinv (to, parts);
}

static void
test_cli_streaming (void)
{
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autofree char *probe_path = g_strdup_printf ("EPURE_PLUGIN_PATH=%s", g_getenv ("EPURE_TEST_PROBE_DIR"));
  const char *env[] = { probe_path, "EPURE_PROBE_MAX_PIECE=40000", NULL };
  g_autoptr(GString) crlf = big_text (3000, "\r\n");
  g_autofree char *expected = replace_all (crlf->str, "teh", "the");
  g_autofree char *path = write_file (dir, "gros.txt", crlf->str, crlf->len);
  g_autoptr(GBytes) input = g_bytes_new (crlf->str, crlf->len);
  g_autoptr(GBytes) in_place = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_auto(Run) whole = { 0 }, streamed = { 0 }, file = { 0 }, check_small = { 0 }, check_big = { 0 };
  const char *whole_args[] = { "check", "--checkers=probe", "-", NULL };
  const char *stream_args[] = { "clean", "--checkers=probe", "--block-size=8192", "-", NULL };
  const char *file_args[] = { "clean", "--checkers=probe", "--block-size=8192", "--in-place", path, NULL };
  const char *check_small_args[] = { "check", "-c", "probe", "-f", "json", "--block-size=8192", path, NULL };
  const char *check_big_args[] = { "check", "-c", "probe", "-f", "json", path, NULL };
  const char *no_limit[] = { probe_path, NULL };

  g_assert_cmpuint (crlf->len, >, 200000);

  /* Read whole (small enough for one block), the probe refuses the text:
   * it is one big piece. */
  run_full (&whole, whole_args, input, env, NULL);
  g_assert_cmpint (whole.status, ==, 2);
  g_assert_nonnull (strstr (whole.err, "probe"));

  /* Streamed, every piece is small and the result is byte-exact. */
  run_full (&streamed, stream_args, input, env, NULL);
  g_assert_cmpstr (streamed.err, ==, "");
  g_assert_cmpint (streamed.status, ==, 0);
  assert_bytes (streamed.out, expected, -1);

  run_full (&file, file_args, empty, env, NULL);
  g_assert_cmpint (file.status, ==, 0);
  in_place = read_bytes (path);
  assert_bytes (in_place, expected, -1);

  /* check gives the same report streamed or whole: lines and code points
   * count from the start of the file, not of the piece. */
  g_file_set_contents (path, crlf->str, crlf->len, NULL);
  run_full (&check_small, check_small_args, empty, env, NULL);
  g_assert_cmpint (check_small.status, ==, 1);
  run_full (&check_big, check_big_args, empty, no_limit, NULL);
  g_assert_cmpint (check_big.status, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (check_small.out, NULL), g_bytes_get_size (check_small.out),
                   g_bytes_get_data (check_big.out, NULL), g_bytes_get_size (check_big.out));
}

/* Spelling suggestions are ranked with the words around the typo, up to
 * EPURE_SPELLING_CONTEXT_BYTES each side: streamed in small pieces, a typo
 * near a piece's edge is ranked with the words of the pieces beside it,
 * as when the file is read whole.  Here "poème", a few hundred bytes
 * away, puts "poème" before "pomme" for "pome". */
static void
test_cli_streaming_suggestions (void)
{
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_auto(Run) small = { 0 }, whole = { 0 };
  const char *small_args[] = { "check", "-c", "spelling", "--lang=fr_FR", "-f", "json", "--block-size=1024", NULL, NULL };
  const char *whole_args[] = { "check", "-c", "spelling", "--lang=fr_FR", "-f", "json", NULL, NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *findings;

  if (!has_checker ("spelling"))
    {
      g_test_skip ("no spelling checker");
      return;
    }

  for (guint i = 0; i < 120; i++)
    {
      if (i % 20 == 0)
        g_string_append (text, "Le poème est beau. Ce poème parle. Un poème encore.\n\n");
      else if (i % 20 == 9)
        g_string_append (text, "Il lit un pome.\n\n");
      else
        g_string_append_printf (text, "Le soleil brille sur la ville numéro %u et les enfants jouent.\n\n", i);
    }
  path = write_file (dir, "poemes.txt", text->str, text->len);
  small_args[7] = path;
  whole_args[6] = path;

  run_full (&whole, whole_args, empty, NULL, NULL);
  g_assert_cmpint (whole.status, ==, 1);
  root = parse_json (&whole);
  findings = json_object_get_array_member (json_array_get_object_element (json_node_get_array (root), 0), "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 6);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonArray *replacements = json_object_get_array_member (json_array_get_object_element (findings, i), "replacements");
      g_assert_cmpstr (json_array_get_string_element (replacements, 0), ==, "poème");
    }

  run_full (&small, small_args, empty, NULL, NULL);
  g_assert_cmpint (small.status, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (small.out, NULL), g_bytes_get_size (small.out),
                   g_bytes_get_data (whole.out, NULL), g_bytes_get_size (whole.out));
}

/* A text bigger than a block, cleaned into an office file, is one whole
 * document, not one per piece; in place, a .docx keeps its shape. */
static void
test_cli_streaming_office (void)
{
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autoptr(GString) text = big_text (300, "\n");
  g_autofree char *path = write_file (dir, "gros.txt", text->str, text->len);
  g_autofree char *odt = g_build_filename (dir, "gros.odt", NULL);
  g_autofree char *md = fixture ("structure.md");
  g_autofree char *docx = g_build_filename (dir, "potager.docx", NULL);
  g_autofree char *pandoc = g_find_program_in_path ("pandoc");
  g_autofree char *plain = NULL;
  g_autofree char *html = NULL;
  g_auto(Run) to_odt = { 0 }, in_place = { 0 };
  const char *odt_args[] = { "clean", "-c", "typography", "--block-size=4096", "-o", odt, path, NULL };
  const char *in_place_args[] = { "clean", "-c", "typography", "--in-place", docx, NULL };

  if (pandoc == NULL)
    {
      g_test_skip ("pandoc is not installed");
      return;
    }
  g_assert_cmpuint (text->len, >, 4 * 4096);

  run_cli (&to_odt, odt_args, NULL);
  g_assert_cmpstr (to_odt.err, ==, "");
  g_assert_cmpint (to_odt.status, ==, 0);
  {
    const char *to_plain[] = { "-t", "plain", "--wrap=none", odt, NULL };
    plain = run_pandoc (pandoc, to_plain);
  }
  g_assert_true (g_str_has_prefix (plain, "Paragraphe 0\u00A0:"));
  g_assert_nonnull (strstr (plain, "Paragraphe 150\u00A0:"));
  g_assert_nonnull (strstr (plain, "Paragraphe 299\u00A0:"));

  {
    const char *to_docx[] = { "-f", "markdown-smart", md, "-o", docx, NULL };
    g_free (run_pandoc (pandoc, to_docx));
  }
  run_cli (&in_place, in_place_args, NULL);
  g_assert_cmpstr (in_place.err, ==, "");
  g_assert_cmpint (in_place.status, ==, 0);
  {
    const char *to_html[] = { "-t", "html", "--wrap=none", docx, NULL };
    html = run_pandoc (pandoc, to_html);
  }
  g_assert_nonnull (strstr (html, "Le «\u00A0potager\u00A0» de la rue Voltaire</h1>"));
  g_assert_nonnull (strstr (html, "<strong>arrosé les tomates</strong>…"));
  g_assert_nonnull (strstr (html, "<em>discret</em>."));
  g_assert_nonnull (strstr (html, "<li>"));
}

/* Input bigger than a block that cannot be streamed (UTF-16 text, a
 * .docx on the standard input) is read whole, never cut at the block. */
static void
test_cli_big_whole (void)
{
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autoptr(GString) text = big_text (200, "\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *wide = NULL;
  g_autofree char *path = NULL;
  g_autofree char *back = NULL;
  g_autoptr(GBytes) cleaned = NULL;
  glong n_units = 0;
  g_auto(Run) in_place = { 0 };
  const char *in_place_args[] = { "clean", "-c", "typography", "--block-size=4096", "--in-place", NULL, NULL };
  guint n = 0;

  if (!has_checker ("typography"))
    {
      g_test_skip ("no typography checker yet");
      return;
    }

  /* UTF-16 little-endian with its byte order mark. */
  {
    g_autofree gunichar2 *units = g_utf8_to_utf16 (text->str, text->len, NULL, &n_units, &error);
    g_autoptr(GString) bytes = g_string_new ("\xFF\xFE");

    g_assert_no_error (error);
    for (glong i = 0; i < n_units; i++)
      {
        g_string_append_c (bytes, units[i] & 0xFF);
        g_string_append_c (bytes, units[i] >> 8);
      }
    path = write_file (dir, "large.txt", bytes->str, bytes->len);
    g_assert_cmpuint (bytes->len, >, 4 * 4096);
  }

  in_place_args[5] = path;
  run_cli (&in_place, in_place_args, NULL);
  g_assert_cmpstr (in_place.err, ==, "");
  g_assert_cmpint (in_place.status, ==, 0);
  cleaned = read_bytes (path);
  back = g_convert (g_bytes_get_data (cleaned, NULL), g_bytes_get_size (cleaned), "UTF-8", "UTF-16", NULL, NULL, &error);
  g_assert_no_error (error);
  for (const char *p = back; (p = strstr (p, "Paragraphe ")) != NULL; p++)
    n++;
  g_assert_cmpuint (n, ==, 200);
  g_assert_nonnull (strstr (back, "Paragraphe 199\u00A0:"));

  /* A .docx on the standard input, with a block smaller than the file. */
  {
    g_autofree char *pandoc = g_find_program_in_path ("pandoc");
    g_autofree char *md = fixture ("structure.md");
    g_autofree char *docx = g_build_filename (dir, "potager.docx", NULL);
    g_autoptr(GBytes) input = NULL;
    g_auto(Run) check = { 0 };
    const char *check_args[] = { "check", "-c", "typography", "--from=docx", "--block-size=1024", "-", NULL };

    if (pandoc == NULL)
      return;
    {
      const char *to_docx[] = { "-f", "markdown-smart", md, "-o", docx, NULL };
      g_free (run_pandoc (pandoc, to_docx));
    }
    input = read_bytes (docx);
    g_assert_cmpuint (g_bytes_get_size (input), >, 4 * 1024);
    run_full (&check, check_args, input, NULL, NULL);
    g_assert_cmpstr (check.err, ==, "");
    g_assert_cmpint (check.status, ==, 1);
    g_assert_nonnull (strstr (out_str (&check), "<stdin>:1:4: "));
  }
}

/* UTF-8 that turns invalid after the first block cannot be re-decoded
 * once streaming has begun: a clear error, not garbage. */
static void
test_cli_streaming_invalid_utf8 (void)
{
  g_autofree char *probe_path = g_strdup_printf ("EPURE_PLUGIN_PATH=%s", g_getenv ("EPURE_TEST_PROBE_DIR"));
  const char *env[] = { probe_path, NULL };
  g_autoptr(GString) text = big_text (500, "\n");
  g_autoptr(GBytes) input = NULL;
  g_auto(Run) run = { 0 };
  const char *args[] = { "clean", "--checkers=probe", "--block-size=4096", "-", NULL };

  g_string_append (text, "Fin en Latin-1 : caf\xE9.\n");
  input = g_bytes_new (text->str, text->len);
  run_full (&run, args, input, env, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "<stdin>"));
  g_assert_nonnull (strstr (run.err, "UTF-8"));
}

/* --lang, --threshold and --spaces reach the checkers that have them and
 * are ignored by the others. */
static void
test_cli_checker_options (void)
{
  g_autofree char *probe_path = g_strdup_printf ("EPURE_PLUGIN_PATH=%s", g_getenv ("EPURE_TEST_PROBE_DIR"));
  const char *env[] = { probe_path, NULL };
  g_autoptr(GBytes) input = g_bytes_new_static ("Voici teh mot.\n", 15);
  g_auto(Run) run = { 0 }, ignored = { 0 };
  const char *args[] = { "check", "-c", "probe,whitespace", "--lang=de_DE", "--threshold=0.75", "--spaces=narrow", "-", NULL };
  const char *bad_args[] = { "check", "-c", "probe", "--threshold=beaucoup", "-", NULL };
  const char *bad_spaces_args[] = { "check", "-c", "typography", "--spaces=serré", "-", NULL };
  const char *french[] = { "LANGUAGE=fr", NULL };
  const char *ignored_args[] = { "check", "-c", "whitespace,typography", "--lang=de_DE", "--spaces=narrow", "--threshold=0.9", "-", NULL };

  run_full (&run, args, input, env, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (out_str (&run), "Typo (language de_DE, threshold 0.75)"));

  /* Said with the option as typed and the values it takes, in French too. */
  assert_cli_error (bad_args, input, env, "“beaucoup” for --threshold (a number from 0 to 1)");
  assert_cli_error (bad_spaces_args, input, NULL, "“serré” for --spaces (one of: france, narrow, regular)");
  assert_cli_error (bad_spaces_args, input, french, "pour --spaces (au choix\u00A0: france, narrow, regular)");

  run_full (&ignored, ignored_args, input, env, NULL);
  g_assert_cmpint (ignored.status, ==, 0);
}

/* epure-cli speaks French under a French locale. */
static void
test_cli_french (void)
{
  const char *env[] = { "LANGUAGE=fr", NULL };
  g_autoptr(GBytes) input = g_bytes_new (NULL, 0);
  g_auto(Run) help = { 0 }, bad = { 0 };
  const char *help_args[] = { "--help", NULL };
  const char *bad_args[] = { "clean", "--in-place", "-", NULL };

  run_full (&help, help_args, input, env, NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (out_str (&help), "Utilisation"));
  g_assert_nonnull (strstr (out_str (&help), "Appliquer toutes les corrections automatiques"));

  run_full (&bad, bad_args, input, env, NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "entrée standard"));
}

/* epure-cli is the engine alone: no GTK, GDK, libadwaita or
 * GtkSourceView, neither directly nor through another library. */
static void
test_cli_no_gtk (void)
{
  const char *forbidden[] = { "libgtk", "libgdk", "libadwaita", "libgtksourceview" };
  g_autofree char *readelf = NULL, *ldd = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  const char *readelf_argv[] = { "readelf", "-d", cli_path (), NULL };
  const char *ldd_argv[] = { "ldd", cli_path (), NULL };

  g_spawn_sync (NULL, (char **) readelf_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &readelf, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (readelf, "(NEEDED)"));
  g_assert_nonnull (strstr (readelf, "libglib-2.0"));
  g_assert_nonnull (strstr (readelf, "libjson-glib-1.0"));

  g_spawn_sync (NULL, (char **) ldd_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &ldd, NULL, &status, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      g_assert_null (strstr (readelf, forbidden[i]));
      g_assert_null (strstr (ldd, forbidden[i]));
    }
}

/* The sample article of README's first command: every checker finds
 * something in it, and the whitespace fixes leave it clean of them. */
static void
test_cli_sample (void)
{
  const char *sample = g_getenv ("EPURE_TEST_SAMPLE");
  g_auto(Run) check = { 0 }, json = { 0 }, cleaned = { 0 };
  const char *check_args[] = { "check", sample, NULL };
  const char *json_args[] = { "check", "--format=json", sample, NULL };
  const char *clean_args[] = { "clean", sample, NULL };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) checkers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) original = read_bytes (sample);
  JsonArray *findings;

  run_cli (&check, check_args, NULL);
  g_assert_cmpint (check.status, ==, 1);

  run_cli (&json, json_args, NULL);
  g_assert_cmpint (json.status, ==, 1);
  root = parse_json (&json);
  findings = json_object_get_array_member (json_array_get_object_element (json_node_get_array (root), 0), "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    g_hash_table_add (checkers, (gpointer) json_object_get_string_member (json_array_get_object_element (findings, i), "checker"));
  g_assert_true (g_hash_table_contains (checkers, "whitespace"));
  for (const char * const *id = (const char *[]) { "typography", "spelling", "boilerplate", NULL }; *id; id++)
    if (has_checker (*id))
      g_assert_true (g_hash_table_contains (checkers, *id));

  run_cli (&cleaned, clean_args, NULL);
  g_assert_cmpint (cleaned.status, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (cleaned.out), <, g_bytes_get_size (original));
}

/* The checkers that land in their own branches, through epure-cli: each
 * test runs once its checker is there. */
static void
test_cli_spelling (void)
{
  g_auto(Run) run = { 0 };
  const char *args[] = { "check", "-c", "spelling", "--lang=fr_FR", "-f", "json", "-", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *findings, *replacements;
  JsonObject *f;
  gboolean suggested = FALSE;

  if (!has_checker ("spelling"))
    {
      g_test_skip ("no spelling checker yet");
      return;
    }

  run_cli (&run, args, "L’élève mange une pomne rouge.\n");
  g_assert_cmpint (run.status, ==, 1);
  root = parse_json (&run);
  findings = json_object_get_array_member (json_array_get_object_element (json_node_get_array (root), 0), "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 1);
  f = json_array_get_object_element (findings, 0);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (f, "rule"), "spelling"));
  g_assert_cmpint (json_object_get_int_member (f, "start"), ==, 18);
  g_assert_cmpint (json_object_get_int_member (f, "end"), ==, 23);
  replacements = json_object_get_array_member (f, "replacements");
  g_assert_cmpuint (json_array_get_length (replacements), >=, 1);
  g_assert_cmpuint (json_array_get_length (replacements), <=, 5);
  for (guint i = 0; i < json_array_get_length (replacements); i++)
    suggested |= g_str_equal (json_array_get_string_element (replacements, i), "pomme");
  g_assert_true (suggested);

  /* A language with no dictionary: an error when spelling was asked for,
   * a warning when it only came with the other checkers. */
  {
    g_auto(Run) asked = { 0 }, implied = { 0 };
    const char *asked_args[] = { "check", "-c", "spelling", "--lang=xx_XX", "-", NULL };
    const char *implied_args[] = { "check", "--lang=xx_XX", "-", NULL };

    run_cli (&asked, asked_args, "Un texte.\n");
    g_assert_cmpint (asked.status, ==, 2);
    g_assert_nonnull (strstr (asked.err, "xx_XX"));

    run_cli (&implied, implied_args, "Un  texte.\n");
    g_assert_cmpint (implied.status, ==, 1);
    g_assert_nonnull (strstr (implied.err, "warning: "));
    g_assert_nonnull (strstr (implied.err, "xx_XX"));
    g_assert_nonnull (strstr (out_str (&implied), "[typography.double-space]"));
  }

  /* clean says so too, once however many passes it makes, and still
   * applies the other checkers' fixes. */
  {
    g_auto(Run) asked = { 0 }, implied = { 0 };
    const char *asked_args[] = { "clean", "-c", "spelling,typography", "--lang=xx_XX", "-", NULL };
    const char *implied_args[] = { "clean", "--lang=xx_XX", "-", NULL };
    const char *first;

    run_cli (&asked, asked_args, "Il dit \"oui\"...\n");
    g_assert_cmpint (asked.status, ==, 2);
    first = strstr (asked.err, "xx_XX");
    g_assert_nonnull (first);
    g_assert_null (strstr (first + 1, "xx_XX"));
    g_assert_cmpstr (out_str (&asked), ==, "Il dit «\u00A0oui\u00A0»…\n");

    run_cli (&implied, implied_args, "Un  texte.\n");
    g_assert_cmpint (implied.status, ==, 0);
    g_assert_nonnull (strstr (implied.err, "warning: "));
    g_assert_cmpstr (out_str (&implied), ==, "Un texte.\n");
  }

  /* Without suggestions, the same finding and nothing to replace it with. */
  {
    g_auto(Run) quick = { 0 };
    const char *quick_args[] = { "check", "-c", "spelling", "--no-suggestions", "-f", "json", "-", NULL };
    g_autoptr(JsonNode) quick_root = NULL;

    run_cli (&quick, quick_args, "L’élève mange une pomne rouge.\n");
    g_assert_cmpint (quick.status, ==, 1);
    quick_root = parse_json (&quick);
    findings = json_object_get_array_member (json_array_get_object_element (json_node_get_array (quick_root), 0), "findings");
    g_assert_cmpuint (json_array_get_length (findings), ==, 1);
    f = json_array_get_object_element (findings, 0);
    g_assert_cmpint (json_object_get_int_member (f, "start"), ==, 18);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f, "replacements")), ==, 0);
  }
}

static void
test_cli_typography (void)
{
  g_auto(Run) france = { 0 }, regular = { 0 }, bad = { 0 }, quotes = { 0 };
  const char *france_args[] = { "clean", "-c", "typography", "-", NULL };
  const char *regular_args[] = { "clean", "-c", "typography", "--spaces=regular", "-", NULL };
  const char *bad_args[] = { "check", "-c", "typography", "--spaces=partout", "-", NULL };
  const char *quotes_args[] = { "clean", "--checkers=typography", "-", NULL };

  if (!has_checker ("typography"))
    {
      g_test_skip ("no typography checker yet");
      return;
    }

  run_cli (&france, france_args, "Quoi ? Vraiment ! Il l'a dit.\n");
  g_assert_cmpint (france.status, ==, 0);
  g_assert_nonnull (strstr (out_str (&france), "\u202F?"));
  g_assert_nonnull (strstr (out_str (&france), "l’a"));

  run_cli (&regular, regular_args, "Quoi ? Vraiment ! Il l'a dit.\n");
  g_assert_cmpint (regular.status, ==, 0);
  g_assert_null (strstr (out_str (&regular), "\u202F"));
  g_assert_nonnull (strstr (out_str (&regular), "\u00A0?"));

  /* The text report names the invisible no-break spaces it proposes. */
  {
    g_auto(Run) text = { 0 };
    const char *text_args[] = { "check", "-c", "typography", "-", NULL };

    run_cli (&text, text_args, "Quoi ? Il dit : oui.\n");
    g_assert_cmpint (text.status, ==, 1);
    g_assert_nonnull (strstr (out_str (&text), ":1:5: "));
    g_assert_nonnull (strstr (out_str (&text), "(with a narrow no-break space)"));
    g_assert_nonnull (strstr (out_str (&text), "(with a no-break space)"));
  }

  run_cli (&bad, bad_args, "Texte.\n");
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "partout"));

  run_cli (&quotes, quotes_args, "Il a dit \"bonjour\" puis il est parti...\n");
  g_assert_cmpint (quotes.status, ==, 0);
  g_assert_nonnull (strstr (out_str (&quotes), "«"));
  g_assert_nonnull (strstr (out_str (&quotes), "…"));
  g_assert_null (strchr (out_str (&quotes), '"'));
}

static void
test_cli_boilerplate (void)
{
  const char *sample = g_getenv ("EPURE_TEST_SAMPLE");
  g_auto(Run) check = { 0 }, cleaned = { 0 };
  const char *check_args[] = { "check", "-c", "boilerplate", "-f", "json", sample, NULL };
  const char *clean_args[] = { "clean", "-c", "boilerplate", sample, NULL };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) original = read_bytes (sample);
  JsonArray *findings;

  if (!has_checker ("boilerplate"))
    {
      g_test_skip ("no boilerplate checker yet");
      return;
    }

  run_cli (&check, check_args, NULL);
  g_assert_cmpint (check.status, ==, 1);
  root = parse_json (&check);
  findings = json_object_get_array_member (json_array_get_object_element (json_node_get_array (root), 0), "findings");
  g_assert_cmpuint (json_array_get_length (findings), >=, 2);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (findings, i), "rule"),
                                     "boilerplate."));

  run_cli (&cleaned, clean_args, NULL);
  g_assert_cmpint (cleaned.status, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (cleaned.out), <, g_bytes_get_size (original));
  g_assert_null (g_strstr_len (g_bytes_get_data (cleaned.out, NULL), g_bytes_get_size (cleaned.out), "newsletter"));
}

/* clean reads and writes office formats: a .docx made by pandoc from our
 * Markdown, cleaned into an .odt that pandoc reads back. */
static void
test_cli_office_formats (void)
{
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autofree char *md = fixture ("jardins.md");
  g_autofree char *docx = g_build_filename (dir, "jardins.docx", NULL);
  g_autofree char *odt = g_build_filename (dir, "jardins.odt", NULL);
  g_autofree char *pandoc = g_find_program_in_path ("pandoc");
  g_autofree char *plain = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  const char *args[] = { "clean", "-c", "typography,whitespace", "-o", odt, docx, NULL };
  int status = -1;

  if (pandoc == NULL)
    {
      g_test_skip ("pandoc is not installed");
      return;
    }

  {
    const char *to_docx[] = { pandoc, md, "-o", docx, NULL };
    g_spawn_sync (NULL, (char **) to_docx, NULL, 0, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  run_cli (&run, args, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);

  {
    const char *to_plain[] = { pandoc, "-t", "plain", "--wrap=none", odt, NULL };
    g_spawn_sync (NULL, (char **) to_plain, NULL, 0, NULL, NULL, &plain, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_nonnull (strstr (plain, "Les jardins partagés"));
  g_assert_nonnull (strstr (plain, "«\u00A0bonjour\u00A0»"));
  g_assert_nonnull (strstr (plain, "paragraphe\u00A0: voilà la fin\u202F!"));
  g_assert_null (strstr (plain, "  "));
}

/* clean -o out.odt in.docx fixes the text and keeps its shape: the
 * heading, the list, bold and italic, read back by pandoc.  The .docx is
 * pandoc's, from our Markdown, with straight quotes kept (-smart). */
static void
test_cli_office_structure (void)
{
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autofree char *md = fixture ("structure.md");
  g_autofree char *docx = g_build_filename (dir, "potager.docx", NULL);
  g_autofree char *odt = g_build_filename (dir, "propre.odt", NULL);
  g_autofree char *out_md = g_build_filename (dir, "potager.md", NULL);
  g_autofree char *pandoc = g_find_program_in_path ("pandoc");
  g_autofree char *html = NULL;
  g_auto(Run) clean = { 0 }, convert = { 0 };
  const char *clean_args[] = { "clean", "-c", "typography,whitespace", "-o", odt, docx, NULL };
  const char *convert_args[] = { "convert", docx, "-o", out_md, NULL };

  if (pandoc == NULL)
    {
      g_test_skip ("pandoc is not installed");
      return;
    }

  {
    const char *to_docx[] = { "-f", "markdown-smart", md, "-o", docx, NULL };
    g_free (run_pandoc (pandoc, to_docx));
  }

  run_cli (&clean, clean_args, NULL);
  g_assert_cmpstr (clean.err, ==, "");
  g_assert_cmpint (clean.status, ==, 0);

  {
    const char *to_html[] = { "-t", "html", "--wrap=none", odt, NULL };
    html = run_pandoc (pandoc, to_html);
  }
  /* The fixes… */
  g_assert_nonnull (strstr (html, "Le «\u00A0potager\u00A0» de la rue Voltaire</h1>"));
  g_assert_nonnull (strstr (html, "«\u00A0merci\u00A0»"));
  g_assert_nonnull (strstr (html, "<strong>arrosé les tomates</strong>…"));
  g_assert_nonnull (strstr (html, "<em>discret</em>.</p>"));
  g_assert_nonnull (strstr (html, "<li>premier rang\u00A0: les salades</li>"));
  g_assert_nonnull (strstr (html, "<li>second rang\u00A0: les courges</li>"));
  g_assert_nonnull (strstr (html, "samedi, avec vos outils\u202F!"));
  g_assert_null (strstr (html, "&quot;"));
  g_assert_null (strstr (html, "..."));
  /* …and the shape, on the right words after the text moved. */
  g_assert_true (g_str_has_prefix (html, "<h1"));
  g_assert_nonnull (strstr (html, "<ul>"));
  g_assert_null (strstr (html, "<h2"));

  /* convert keeps the structure too, in Markdown syntax. */
  run_cli (&convert, convert_args, NULL);
  g_assert_cmpstr (convert.err, ==, "");
  g_assert_cmpint (convert.status, ==, 0);
  {
    g_autoptr(GBytes) bytes = read_bytes (out_md);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_assert_true (g_str_has_prefix (text, "# Le \"potager\" de la rue Voltaire\n"));
    g_assert_nonnull (strstr (text, "**arrosé les tomates**"));
    g_assert_nonnull (strstr (text, "*discret*"));
    g_assert_nonnull (strstr (text, "\n- premier rang : les salades\n"));
  }

  /* clean --to=md writes the cleaned document as Markdown on the
   * standard output; --to cannot change a file in place. */
  {
    g_auto(Run) to_md = { 0 }, in_place = { 0 }, unknown = { 0 };
    const char *to_md_args[] = { "clean", "-c", "typography", "--to=md", docx, NULL };
    const char *in_place_args[] = { "clean", "--in-place", "--to=md", docx, NULL };
    const char *unknown_args[] = { "clean", "--to=rtf", docx, NULL };

    run_cli (&to_md, to_md_args, NULL);
    g_assert_cmpstr (to_md.err, ==, "");
    g_assert_cmpint (to_md.status, ==, 0);
    g_assert_true (g_str_has_prefix (out_str (&to_md), "# Le «\u00A0potager\u00A0» de la rue Voltaire\n"));
    g_assert_nonnull (strstr (out_str (&to_md), "**arrosé les tomates**…"));
    g_assert_nonnull (strstr (out_str (&to_md), "\n- second rang\u00A0: les courges\n"));

    run_cli (&in_place, in_place_args, NULL);
    g_assert_cmpint (in_place.status, ==, 2);
    g_assert_nonnull (strstr (in_place.err, "--to"));

    run_cli (&unknown, unknown_args, NULL);
    g_assert_cmpint (unknown.status, ==, 2);
    g_assert_nonnull (strstr (unknown.err, "“rtf”"));
  }
}

/* --from names the format of the standard input: Markdown keeps its
 * code verbatim and its structure reaches rich outputs. */
static void
test_cli_from (void)
{
  const char *input = "# Titre \"un\"\n\nIl dit \"oui\" et **fort**.\n\n```\nx = \"non\"\n```\n\nFin `a \"b\"` ici.\n";
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autofree char *html_path = g_build_filename (dir, "out.html", NULL);
  g_auto(Run) check = { 0 }, clean = { 0 }, md = { 0 }, bad = { 0 };
  const char *check_args[] = { "check", "--from=md", "-c", "typography", "-f", "json", "-", NULL };
  const char *clean_args[] = { "clean", "--from=markdown", "-c", "typography", "-o", html_path, "-", NULL };
  const char *md_args[] = { "clean", "--from", "md", "-c", "typography", NULL };
  const char *bad_args[] = { "check", "--from=rtf", "-", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *findings;

  if (!has_checker ("typography"))
    {
      g_test_skip ("no typography checker yet");
      return;
    }

  /* Findings on lines 1 and 3 only: the code block and span are left. */
  run_cli (&check, check_args, input);
  g_assert_cmpint (check.status, ==, 1);
  root = parse_json (&check);
  findings = json_object_get_array_member (json_array_get_object_element (json_node_get_array (root), 0), "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 4);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      gint64 line = json_object_get_int_member (json_array_get_object_element (findings, i), "line");
      g_assert_true (line == 1 || line == 3);
    }

  /* Into a web page: a heading, bold, fixed quotes, code untouched. */
  run_cli (&clean, clean_args, input);
  g_assert_cmpstr (clean.err, ==, "");
  g_assert_cmpint (clean.status, ==, 0);
  {
    g_autoptr(GBytes) bytes = read_bytes (html_path);
    g_autofree char *html = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_assert_nonnull (strstr (html, "<h1>Titre «\u00A0un\u00A0»</h1>"));
    g_assert_nonnull (strstr (html, "Il dit «\u00A0oui\u00A0» et <strong>fort</strong>."));
    g_assert_nonnull (strstr (html, "x = &quot;non&quot;"));
    g_assert_nonnull (strstr (html, "a &quot;b&quot;"));
  }

  /* Markdown to the standard output stays Markdown. */
  run_cli (&md, md_args, input);
  g_assert_cmpint (md.status, ==, 0);
  g_assert_true (g_str_has_prefix (out_str (&md), "# Titre «\u00A0un\u00A0»\n"));
  g_assert_nonnull (strstr (out_str (&md), "**fort**"));
  g_assert_nonnull (strstr (out_str (&md), "```\nx = \"non\"\n```\n"));
  g_assert_nonnull (strstr (out_str (&md), "`a \"b\"`"));

  run_cli (&bad, bad_args, "Texte.\n");
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "rtf"));
}

/* Cleans @text's typography read whole and streamed in 4 KiB blocks
 * from the standard input: the same bytes, into @streamed. */
static void
clean_whole_and_streamed (const char *text,
                          Run        *streamed)
{
  g_auto(Run) whole = { 0 };
  const char *whole_args[] = { "clean", "-c", "typography", "-", NULL };
  const char *stream_args[] = { "clean", "-c", "typography", "--block-size=4096", "-", NULL };

  run_cli (&whole, whole_args, text);
  run_cli (streamed, stream_args, text);
  g_assert_cmpint (whole.status, ==, 0);
  g_assert_cmpint (streamed->status, ==, 0);
  g_assert_true (g_bytes_equal (whole.out, streamed->out));
}

/* A streamed text is cut at blank lines, never inside a fenced code block
 * (blank lines and all): the quotes inside stay code, and the result is
 * the one of the text read whole. */
static void
test_cli_streaming_code_block (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(Run) streamed = { 0 };

  for (guint i = 0; i < 40; i++)
    g_string_append (text, "Il a dit \"oui\" puis il est parti.\n\n");
  g_string_append (text, "```\n");
  for (guint i = 0; i < 1200; i++)
    g_string_append (text, "print(\"code\")\n\n");
  g_string_append (text, "```\n\nElle a r\xC3\xA9pondu \"non\".\n");
  g_assert_cmpuint (text->len, >, 3 * 4096);

  clean_whole_and_streamed (text->str, &streamed);
  g_assert_nonnull (strstr (out_str (&streamed), "print(\"code\")\n\nprint(\"code\")"));
  g_assert_null (strstr (out_str (&streamed), "print(\u00AB"));
  g_assert_nonnull (strstr (out_str (&streamed), "r\xC3\xA9pondu \xC2\xAB\xC2\xA0non\xC2\xA0\xC2\xBB."));
}

/* A .md file keeps its indented code and link titles, read whole or
 * streamed; the same text in a .txt file is prose throughout. */
static void
test_cli_markdown_syntax (void)
{
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(TmpDir) dir = make_tmpdir ();
  g_autofree char *md = NULL, *txt = NULL;
  g_auto(Run) whole = { 0 }, streamed = { 0 }, plain = { 0 };
  const char *whole_args[] = { "clean", "-c", "typography", NULL, NULL };
  const char *stream_args[] = { "clean", "-c", "typography", "--block-size=1024", NULL, NULL };
  const char *plain_args[] = { "clean", "-c", "typography", NULL, NULL };

  for (guint i = 0; i < 30; i++)
    g_string_append (input, "Il dit \"oui\" : voir [la page](https://exemple.fr \"Le titre\").\n\n"
                            "    echo \"l'\xC3\xA9t\xC3\xA9\" ; exit\n\n");
  md = write_file (dir, "article.md", input->str, -1);
  txt = write_file (dir, "article.txt", input->str, -1);
  whole_args[3] = md;
  stream_args[4] = md;
  plain_args[3] = txt;

  run_cli (&whole, whole_args, NULL);
  run_cli (&streamed, stream_args, NULL);
  run_cli (&plain, plain_args, NULL);
  g_assert_cmpint (whole.status, ==, 0);
  g_assert_cmpint (streamed.status, ==, 0);
  g_assert_cmpint (plain.status, ==, 0);
  g_assert_true (g_bytes_equal (whole.out, streamed.out));
  g_assert_nonnull (strstr (out_str (&whole), "(https://exemple.fr \"Le titre\")"));
  g_assert_nonnull (strstr (out_str (&whole), "    echo \"l'\xC3\xA9t\xC3\xA9\" ; exit\n"));
  g_assert_nonnull (strstr (out_str (&whole), "Il dit \u00AB\u00A0oui\u00A0\u00BB\u00A0:"));
  g_assert_null (strstr (out_str (&plain), "\"Le titre\""));
  g_assert_null (strstr (out_str (&plain), "echo \"l'"));
}

/* CRLF line ends cut by block ends (a '\r' last in one block, its '\n'
 * first in the next) come out as from a whole read: CRLF, no line more. */
static void
test_cli_streaming_crlf (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(Run) streamed = { 0 };
  g_autofree char *expected_line = NULL;
  const char *filler = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

  /* The first '\r' is the last byte of the first block read. */
  g_string_append (text, "D\xC3\xA9" "but ");
  while (text->len < 4095)
    g_string_append_c (text, 'y');
  g_string_append (text, "\r\n\r\n");
  /* Then lines of every length from 20 to 80 bytes. */
  for (guint i = 0; i < 600; i++)
    {
      g_string_append_printf (text, "Il dit \"oui\" %.*s%u\r\n", (int) (i % 61), filler, i);
      if (i % 7 == 6)
        g_string_append (text, "\r\n");
    }
  g_assert_cmpuint (text->len, >, 5 * 4096);

  clean_whole_and_streamed (text->str, &streamed);
  g_assert_null (strstr (out_str (&streamed), "\n\n\n"));
  g_assert_null (strstr (out_str (&streamed), "\r\r"));
  expected_line = g_strdup_printf ("\r\nIl dit \u00AB\u00A0oui\u00A0\u00BB %.*s599\r\n", 599 % 61, filler);
  g_assert_true (g_str_has_suffix (out_str (&streamed), expected_line));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* epure-cli may exit before reading all we feed it (a usage error):
   * that must fail the assertion, not kill the test with SIGPIPE. */
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/cli/usage", test_cli_usage);
  g_test_add_func ("/cli/exit-codes", test_cli_exit_codes);
  g_test_add_func ("/cli/json", test_cli_json);
  g_test_add_func ("/cli/json-code-points", test_cli_json_code_points);
  g_test_add_func ("/cli/stdin", test_cli_stdin);
  g_test_add_func ("/cli/pipeline", test_cli_pipeline);
  g_test_add_func ("/cli/clean-output", test_cli_clean_output);
  g_test_add_func ("/cli/clean-in-place", test_cli_clean_in_place);
  g_test_add_func ("/cli/legacy-encoding", test_cli_legacy_encoding);
  g_test_add_func ("/cli/bad-inputs", test_cli_bad_inputs);
  g_test_add_func ("/cli/unreadable", test_cli_unreadable);
  g_test_add_func ("/cli/missing-paths", test_cli_missing_paths);
  g_test_add_func ("/cli/list-checkers", test_cli_list_checkers);
  g_test_add_func ("/cli/convert", test_cli_convert);
  g_test_add_func ("/cli/streaming", test_cli_streaming);
  g_test_add_func ("/cli/streaming-office", test_cli_streaming_office);
  g_test_add_func ("/cli/big-whole", test_cli_big_whole);
  g_test_add_func ("/cli/streaming-invalid-utf8", test_cli_streaming_invalid_utf8);
  g_test_add_func ("/cli/checker-options", test_cli_checker_options);
  g_test_add_func ("/cli/french", test_cli_french);
  g_test_add_func ("/cli/no-gtk", test_cli_no_gtk);
  g_test_add_func ("/cli/sample", test_cli_sample);
  g_test_add_func ("/cli/spelling", test_cli_spelling);
  g_test_add_func ("/cli/streaming-suggestions", test_cli_streaming_suggestions);
  g_test_add_func ("/cli/typography", test_cli_typography);
  g_test_add_func ("/cli/boilerplate", test_cli_boilerplate);
  g_test_add_func ("/cli/office-formats", test_cli_office_formats);
  g_test_add_func ("/cli/office-structure", test_cli_office_structure);
  g_test_add_func ("/cli/from", test_cli_from);
  g_test_add_func ("/cli/streaming-code-block", test_cli_streaming_code_block);
  g_test_add_func ("/cli/streaming-crlf", test_cli_streaming_crlf);
  g_test_add_func ("/cli/markdown-syntax", test_cli_markdown_syntax);

  return g_test_run ();
}
