/*
 * Time and the timer: the TSC is the clock (arch_time_now), the local
 * APIC's timer in one-shot mode is the alarm (arch_timer_set). Both are
 * calibrated once at boot against the legacy PIT's channel 0, counting
 * CALIB_MS milliseconds (without a PIT: the TSC rate from CPUID leaf 0x15,
 * and the LAPIC against the TSC). The 8259 PICs are moved out of the
 * exception vectors and masked; irq.c routes device interrupts through the
 * IOAPIC, or unmasks single 8259 lines where there is none.
 *
 * xAPIC mode (MMIO at the APIC base), since QEMU's TCG has no x2APIC and no
 * TSC-deadline mode; x2APIC (MSRs) only where firmware already turned it
 * on. Under -icount both the TSC and the PIT follow the instruction count,
 * so the calibration and every time value are deterministic.
 */
#include "cpu.h"
#include "x86.h"

#define PIT_HZ 1193182ull
#define CALIB_MS 5ull
#define CALIB_MAX_SPINS 2000000u
#define PIT_CH0 0x40
#define PIT_CMD 0x43
#define NS 1000000000ull

#define LAPIC_ID 0x20
#define LAPIC_TPR 0x80
#define LAPIC_EOI 0xb0
#define LAPIC_SVR 0xf0
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_INIT_COUNT 0x380
#define LAPIC_CUR_COUNT 0x390
#define LAPIC_DIVIDE 0x3e0
#define LVT_MASKED (1u << 16)
#define LVT_EXTINT (7u << 8)
#define MSR_X2APIC_BASE 0x800
#define APIC_X2 (1u << 10)
#define APIC_ENABLE (1u << 11)
#define DIVIDE_16 0x3

static volatile uint32_t *lapic;                /* NULL: x2APIC mode, reached by MSRs */
static uint64_t tsc_boot, tsc_mult, lapic_mult; /* 32.32 fixed point */
static uint64_t armed = UINT64_MAX;             /* the deadline the LAPIC counts to */

static uint32_t lapic_read(unsigned reg)
{
	return lapic ? lapic[reg / 4] : (uint32_t)rdmsr(MSR_X2APIC_BASE + reg / 16);
}

static void lapic_write(unsigned reg, uint32_t v)
{
	if (lapic)
		lapic[reg / 4] = v;
	else
		wrmsr(MSR_X2APIC_BASE + reg / 16, v);
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

/* The IOAPICs' destination field wants the xAPIC form (bits 24-31). */
uint32_t lapic_id(void)
{
	uint32_t id = lapic_read(LAPIC_ID);

	return lapic ? id >> 24 : id;
}

void lapic_extint(void)
{
	lapic_write(LAPIC_LVT_LINT0, LVT_EXTINT);
}

static void pic_disable(void)
{
	static const uint8_t init[] = { 0x11, VEC_PIC_BASE, 4, 1 };
	static const uint8_t init2[] = { 0x11, VEC_PIC_BASE + 8, 2, 1 };

	for (unsigned i = 0; i < sizeof(init); i++) {
		outb(0x20 + (i ? 1 : 0), init[i]);
		outb(0xa0 + (i ? 1 : 0), init2[i]);
	}
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

/* xAPIC as QEMU's TCG has it; x2APIC if the firmware left it on (it cannot
 * be turned off without resetting the APIC). */
static void lapic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	if (!(base & APIC_ENABLE))
		wrmsr(MSR_APIC_BASE, base |= APIC_ENABLE);
	lapic = base & APIC_X2 ? NULL : mmio_map(base & ~0xfffull);
	lapic_write(LAPIC_SVR, 0x100 | VEC_SPURIOUS);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_DIVIDE, DIVIDE_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
}

static uint16_t pit_count(void)
{
	uint8_t lo, hi;

	outb(PIT_CMD, 0x00); /* latch channel 0 */
	lo = inb(PIT_CH0);
	hi = inb(PIT_CH0);
	return (uint16_t)(hi << 8 | lo);
}

/*
 * Count TSC cycles and LAPIC ticks over CALIB_MS of PIT channel 0, read
 * back through its latch (port 0x61, the usual gate of channel 2, is
 * missing on microvm). False if the PIT does not count.
 */
static bool calibrate(uint64_t *tsc_hz, uint64_t *lapic_hz)
{
	uint64_t want = PIT_HZ * CALIB_MS / 1000, elapsed = 0, t0, t1;
	uint32_t left, spins = 0;
	uint16_t prev;

	outb(PIT_CMD, 0x34); /* channel 0, low then high byte, mode 2 */
	outb(PIT_CH0, 0);
	outb(PIT_CH0, 0); /* period 65536: wraps every 55 ms */
	prev = pit_count();
	lapic_write(LAPIC_INIT_COUNT, UINT32_MAX);
	t0 = rdtsc();
	while (elapsed < want && ++spins < CALIB_MAX_SPINS) {
		uint16_t now = pit_count();

		elapsed += (uint16_t)(prev - now);
		prev = now;
	}
	t1 = rdtsc();
	left = lapic_read(LAPIC_INIT_COUNT) ? lapic_read(LAPIC_CUR_COUNT) : 0;
	lapic_write(LAPIC_INIT_COUNT, 0);
	outb(PIT_CMD, 0x30); /* mode 0, count 1: one last edge, then quiet */
	outb(PIT_CH0, 1);
	outb(PIT_CH0, 0);
	if (elapsed < want)
		return false;
	*tsc_hz = (t1 - t0) * PIT_HZ / elapsed;
	*lapic_hz = (uint64_t)(UINT32_MAX - left) * PIT_HZ / elapsed;
	return true;
}

/* The TSC's rate from CPUID leaf 0x15 (crystal clock times a ratio), or 0. */
static uint64_t tsc_hz_from_cpuid(void)
{
	uint32_t r[4];

	cpuid(0, 0, r);
	if (r[0] < 0x15)
		return 0;
	cpuid(0x15, 0, r);
	return r[0] && r[1] && r[2] ? (uint64_t)r[2] * r[1] / r[0] : 0;
}

/* Count LAPIC ticks over CALIB_MS of a TSC of known rate. */
static uint64_t lapic_hz_from_tsc(uint64_t tsc_hz)
{
	uint64_t t0 = rdtsc(), span = tsc_hz * CALIB_MS / 1000;
	uint32_t left;

	lapic_write(LAPIC_INIT_COUNT, UINT32_MAX);
	while (rdtsc() - t0 < span)
		;
	left = lapic_read(LAPIC_CUR_COUNT);
	lapic_write(LAPIC_INIT_COUNT, 0);
	return (uint64_t)(UINT32_MAX - left) * 1000 / CALIB_MS;
}

void time_init(void)
{
	uint64_t tsc_hz, lapic_hz;

	pic_disable();
	lapic_init();
	if (!calibrate(&tsc_hz, &lapic_hz)) {
		tsc_hz = tsc_hz_from_cpuid();
		if (!tsc_hz) {
			con_puts("ferrite: no PIT and no TSC rate in CPUID; assuming 1 GHz\n");
			tsc_hz = NS;
		}
		lapic_hz = lapic_hz_from_tsc(tsc_hz);
	}
	tsc_mult = (NS << 32) / tsc_hz;
	lapic_mult = (lapic_hz << 32) / NS;
	tsc_boot = rdtsc();
}

uint64_t arch_time_now(void)
{
	return (uint64_t)(((unsigned __int128)(rdtsc() - tsc_boot) * tsc_mult) >> 32);
}

/* The one-shot went off: the next arch_timer_set must program it again. */
void timer_expired(void)
{
	armed = UINT64_MAX;
}

/*
 * The core asks for a deadline before every run — the running thread's
 * slice end, which differs for each thread, so a call/reply between two
 * threads would reprogram the LAPIC twice per round trip. Instead the LAPIC
 * is only moved earlier: a deadline at or after the one it already counts
 * to (and a cancel) leaves it alone, and when it fires early the core finds
 * nothing due, lets the thread run on (its slice has not ended) and asks
 * again. That costs one interrupt per slice instead of a reprogramming per
 * switch; the contract allows it (the core checks its timers after every
 * trap and arch_idle may return at any time).
 */
void arch_timer_set(uint64_t deadline)
{
	uint64_t now, ticks;

	if (deadline >= armed)
		return;
	armed = deadline;
	now = arch_time_now();
	ticks = deadline > now
	                ? (uint64_t)(((unsigned __int128)(deadline - now) * lapic_mult) >> 32)
	                : 0;
	if (ticks == 0)
		ticks = 1;
	if (ticks > UINT32_MAX)
		ticks = UINT32_MAX;
	lapic_write(LAPIC_LVT_TIMER, VEC_TIMER);
	lapic_write(LAPIC_INIT_COUNT, (uint32_t)ticks);
}
