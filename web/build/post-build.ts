// The Vite plugin run after every build (npm start, tests, bench): compressed copies of the assets, then the stamp
// naming the sources the build came from — last, so a build that failed half-way never looks current.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'vite';
import { precompressDir } from './precompress';
import { STAMP_FILE, stampOf } from './build-stamp';

export function postBuild(): Plugin {
  let outDir = '';
  let modules: string[] = [];
  return {
    name: 'hezuo-post-build',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    generateBundle() {
      modules = [...this.getModuleIds()];
    },
    async closeBundle() {
      await precompressDir(outDir);
      await writeFile(path.join(outDir, STAMP_FILE), JSON.stringify(stampOf(modules), null, 1));
    },
  };
}
