/*
 * Terminal attributes over ioctl (<sys/ioctl.h>): the console's server
 * keeps the termios state and answers TCGETS and TCSETS*.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TCGETS, t);
}

int tcsetattr(int fd, int action, const struct termios *t)
{
	static const unsigned long requests[] = { TCSETS, TCSETSW, TCSETSF };
	struct termios copy = *t;

	if (action < TCSANOW || action > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, requests[action], &copy);
}

int tcflush(int fd, int queue)
{
	return ioctl(fd, TCFLSH, (void *)(long)queue);
}

int tcdrain(int fd)
{
	struct termios t;

	return tcgetattr(fd, &t);
}

void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~(tcflag_t)OPOST;
	t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

speed_t cfgetispeed(const struct termios *t)
{
	return t->c_cflag & 0010017;
}

speed_t cfgetospeed(const struct termios *t)
{
	return t->c_cflag & 0010017;
}

int cfsetispeed(struct termios *t, speed_t speed)
{
	t->c_cflag = (t->c_cflag & ~(tcflag_t)0010017) | (speed & 0010017);
	return 0;
}

int cfsetospeed(struct termios *t, speed_t speed)
{
	return cfsetispeed(t, speed);
}
