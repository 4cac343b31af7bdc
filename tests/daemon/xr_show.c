/*
 * Unit test for tools/cmd_show.c (and, with arguments, a driver that
 * runs cmd_show() on them:
 * (xr_show routes --json -s SOCK); without, it tests argument handling and
 * the request/stream path against a fake control socket in a temp dir.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

int cmd_show(int argc, char **argv);

static void
test_usage(void **state)
{
	char *a1[] = { "show" };
	char *a2[] = { "show", "bogus" };
	char *a3[] = { "show", "neighbors", "10.0.0.0/8" };
	char *a4[] = { "show", "routes", "-s", "/nonexistent/xr.sock" };

	(void)state;
	assert_int_equal(cmd_show(1, a1), 2);
	assert_int_equal(cmd_show(2, a2), 2);
	assert_int_equal(cmd_show(3, a3), 2);
	assert_int_equal(cmd_show(4, a4), 1);
}

/* A fake daemon: read the request, answer it, close. */
static void
test_request(void **state)
{
	char dir[] = "/tmp/xrshowXXXXXX", path[256], req[128];
	char *args[] = { "show", "-s", path, "routes", "10.1.0.0/16",
	    "--json" };
	struct sockaddr_un sun;
	int lfd, fd, st, out[2], saved;
	ssize_t n;
	pid_t pid;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/ctl.sock", dir);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, path);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	assert_int_equal(listen(lfd, 1), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		fd = accept(lfd, NULL, NULL);
		n = read(fd, req, sizeof(req) - 1);
		req[n > 0 ? n : 0] = 0;
		if (strcmp(req, "routes json 10.1.0.0/16\n") == 0 &&
		    write(fd, "{\"routes\":[]}\n", 14) == 14)
			_exit(0);
		_exit(1);
	}
	assert_int_equal(pipe(out), 0);
	saved = dup(1);
	dup2(out[1], 1);
	assert_int_equal(cmd_show(6, args), 0);
	dup2(saved, 1);
	close(out[1]);
	n = read(out[0], req, sizeof(req) - 1);
	assert_int_equal(n, 14);
	req[n] = 0;
	assert_string_equal(req, "{\"routes\":[]}\n");
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(lfd);
	unlink(path);
	rmdir(dir);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_request),
	};

	if (argc > 1) {
		argv[0] = "show";
		return cmd_show(argc, argv);
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
