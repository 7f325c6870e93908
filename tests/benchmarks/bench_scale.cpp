// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>

int main()
{
    std::printf("bench_scale: not written yet\n");
    return 0;
}
