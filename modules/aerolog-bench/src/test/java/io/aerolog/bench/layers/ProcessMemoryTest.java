package io.aerolog.bench.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing /proc/<pid>/status and jcmd GC.heap_info as this JDK prints them, per collector. */
class ProcessMemoryTest {
    private static final String STATUS = String.join("\n",
            "Name:\tjava",
            "Umask:\t0022",
            "State:\tS (sleeping)",
            "Pid:\t27303",
            "VmPeak:\t 3683476 kB",
            "VmSize:\t 3683476 kB",
            "VmHWM:\t   75888 kB",
            "VmRSS:\t   67736 kB",
            "RssAnon:\t   48000 kB",
            "Threads:\t19", "");

    @Test
    void residentSetFromProcStatus() {
        assertThat(ProcessMemory.rssKiB(STATUS)).isEqualTo(67_736);
        assertThat(ProcessMemory.rssKiB("Name:\tkthreadd\nState:\tS (sleeping)\n")).isEqualTo(-1);
    }

    @Test
    void heapOfG1() {
        String g1 = String.join("\n",
                "27303:",
                " garbage-first heap   total 17408K, used 2883K [0x00000000fc000000, 0x0000000100000000)",
                "  region size 1024K, 0 young (0K), 0 survivors (0K)",
                " Metaspace       used 8955K, committed 9152K, reserved 1114112K",
                "  class space    used 1063K, committed 1152K, reserved 1048576K", "");
        assertThat(ProcessMemory.heap(g1)).isEqualTo(new ProcessMemory.Heap(17_408, 2_883));
    }

    @Test
    void heapOfSerialAndParallelSumsTheGenerations() {
        String serial = String.join("\n",
                "123:",
                " def new generation   total 4928K, used 2096K [0x00000000fc000000, 0x00000000fc550000, 0x00000000fd550000)",
                "  eden space 4416K,  47% used [0x00000000fc000000, 0x00000000fc20c0a8, 0x00000000fc450000)",
                " tenured generation   total 10944K, used 100K [0x00000000fd550000, 0x00000000fe000000, 0x0000000100000000)",
                " Metaspace       used 8955K, committed 9152K, reserved 1114112K", "");
        assertThat(ProcessMemory.heap(serial)).isEqualTo(new ProcessMemory.Heap(4_928 + 10_944, 2_096 + 100));
        String parallel = String.join("\n",
                " PSYoungGen      total 9216K, used 1000K [0x00000000ff600000, 0x0000000100000000, 0x0000000100000000)",
                " ParOldGen       total 20480K, used 24K [0x00000000fe200000, 0x00000000ff600000, 0x00000000ff600000)", "");
        assertThat(ProcessMemory.heap(parallel)).isEqualTo(new ProcessMemory.Heap(29_696, 1_024));
    }

    @Test
    void noHeapLineIsNoHeap() {
        assertThat(ProcessMemory.heap(" ZHeap           used 8M, capacity 32M, max capacity 1024M\n")).isNull();
        assertThat(ProcessMemory.heap("")).isNull();
    }
}
