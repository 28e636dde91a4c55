/** The bot host's public surface: start it, and its configuration helpers. */
export { startBot, type RunningBot, type StartBotOptions } from './app.js';
export { botAuthFrom, botAuthFromEnv, isLoopbackHost, readBotEnv, type BotAuth, type BotEnv, type BotMode } from './config.js';
export type { BotData, BotDataSource, TeamsUser } from './ports.js';
