// @rnnkit/backend-webgl installed alone imports cleanly in Node and says why it cannot run there.
import { listBackends, useBackend } from '@rnnkit/backend';
import { webglAdapter } from '@rnnkit/backend-webgl';

console.log('ADAPTER ' + JSON.stringify(await webglAdapter.isAvailable()));
console.log('LISTED ' + JSON.stringify((await listBackends()).find((b) => b.name === 'webgl')));
await useBackend('webgl', { log: false }).catch((e) => console.log(`REFUSED ${e.name}: ${e.message}`));
