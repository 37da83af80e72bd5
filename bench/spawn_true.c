/* The tiny program bench/spawn runs: it only exits, with status 0. */
int main(void)
{
	return 0;
}
