import 'reflect-metadata';
import { createSampleApp, samplePlatform } from './create-sample-app.js';

const platform = samplePlatform();
const app = await createSampleApp(platform);
app.enableShutdownHooks();
const port = Number(process.env.PORT ?? 3000);
await app.listen(port, '127.0.0.1');
console.log(`Sample app on ${platform}: http://127.0.0.1:${port}`);
